# CPack's settings for the Debian package (DEB generator). Its Depends are what dpkg-shlibdeps
# finds the binary linked to, plus the runtime lines of debian-packages.txt it cannot see:
# plugins Qt loads by name (the SQL drivers, SVG icons) and the fonts (depends.cmake.in).

# The packages under "# runtime" in debian-packages.txt, up to the next comment.
function(handoff_runtime_packages out)
    file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/debian-packages.txt lines)
    set(packages)
    set(in_runtime FALSE)
    foreach(line IN LISTS lines)
        string(STRIP "${line}" line)
        if(line MATCHES "^#")
            set(in_runtime FALSE)
            if(line MATCHES "^# runtime")
                set(in_runtime TRUE)
            endif()
        elseif(in_runtime AND NOT line STREQUAL "")
            list(APPEND packages ${line})
        endif()
    endforeach()
    if(NOT packages)
        message(FATAL_ERROR "debian-packages.txt: no packages under '# runtime'")
    endif()
    set(${out} ${packages} PARENT_SCOPE)
endfunction()
handoff_runtime_packages(HANDOFF_RUNTIME_PACKAGES)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME handoff)
set(CPACK_PACKAGE_VENDOR "The Handoff maintainers")
set(CPACK_PACKAGE_CONTACT "${HANDOFF_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # handoff_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${HANDOFF_HOMEPAGE}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "console for handing leads between marketing and sales")
# CPack indents these lines and writes the empty one as " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION [[
Handoff keeps a lead database (a SQLite file, or a PostgreSQL team server)
and shows two queues: hand-raisers who asked for a demo, a quote or a call,
which go straight to sales with a speed-to-lead clock, and the leads
marketing nurtures until their score crosses the MQL threshold.

Every score is explained rule by rule. Leads are imported from CRM and
marketing exports in CSV; a dashboard and a report serve the weekly
sales-marketing meeting; the scoring model is tuned with backtests.]])
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Read by cpack when it runs, after the build: it adds the runtime packages shlibdeps missed.
# What CMake reads itself, so that a change to it configures again.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CMAKE_CURRENT_SOURCE_DIR}/depends.cmake.in ${CMAKE_CURRENT_SOURCE_DIR}/debian-packages.txt)
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/depends.cmake.in depends)
string(CONFIGURE "${depends}" depends @ONLY)
file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/depends.cmake CONTENT "${depends}")
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_BINARY_DIR}/depends.cmake)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
