# Runs cpack in a scratch folder and lists the package's files.
set(out ${BUILD_DIR}/deb-check)
file(REMOVE_RECURSE ${out})
file(MAKE_DIRECTORY ${out})
execute_process(COMMAND cpack -G DEB -B ${out} --config ${BUILD_DIR}/CPackConfig.cmake
                RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack failed:\n${log}")
endif()
file(GLOB debs ${out}/*.deb)
list(LENGTH debs n)
if(NOT n EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${out}, found ${n}")
endif()
execute_process(COMMAND dpkg-deb --contents ${debs} OUTPUT_VARIABLE contents RESULT_VARIABLE rc)
foreach(expected
        "./usr/bin/byline"
        "./usr/share/applications/org.bylinedesk.Byline.desktop"
        "./usr/share/metainfo/org.bylinedesk.Byline.metainfo.xml"
        "./usr/share/icons/hicolor/256x256/apps/org.bylinedesk.Byline.png"
        "/byline/byline_rank.so")
    string(FIND "${contents}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${expected} is missing from the package:\n${contents}")
    endif()
endforeach()
message(STATUS "package ok: ${debs}")
