# Sources of the editorial workflow (transitions, newsroom time, readiness, revision diffs).
target_sources(byline_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/history.cpp
    ${CMAKE_CURRENT_LIST_DIR}/history.h
    ${CMAKE_CURRENT_LIST_DIR}/newsroomtime.cpp
    ${CMAKE_CURRENT_LIST_DIR}/newsroomtime.h
    ${CMAKE_CURRENT_LIST_DIR}/readiness.cpp
    ${CMAKE_CURRENT_LIST_DIR}/readiness.h
    ${CMAKE_CURRENT_LIST_DIR}/revisiondiff.cpp
    ${CMAKE_CURRENT_LIST_DIR}/revisiondiff.h
    ${CMAKE_CURRENT_LIST_DIR}/workflow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/workflow.h
)
