# Pure-logic HTML rendering helpers (WordPress's paragraph formatting), added to byline_core.
target_sources(byline_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/wpautop.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wpautop.h
)
