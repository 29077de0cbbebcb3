# Sources of the shortcode engine, added to byline_core with target_sources().
target_sources(byline_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/captioneditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/captioneditor.h
    ${CMAKE_CURRENT_LIST_DIR}/captionrenderer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/captionrenderer.h
    ${CMAKE_CURRENT_LIST_DIR}/creditstyle.cpp
    ${CMAKE_CURRENT_LIST_DIR}/creditstyle.h
    ${CMAKE_CURRENT_LIST_DIR}/shortcodedocument.h
    ${CMAKE_CURRENT_LIST_DIR}/shortcodeparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shortcodeparser.h
    ${CMAKE_CURRENT_LIST_DIR}/wpcompat.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wpcompat.h
)
