# Reads packaging/releases.txt (the release notes, newest first) once for everything that
# lists releases, and checks that its newest version is the project's: the version is set in
# project() only, and the notes cannot fall behind it. Sets, in the caller's scope:
#   HANDOFF_RELEASE_DATE      the newest release's date (YYYY-MM-DD): the manual page's date
#   HANDOFF_METAINFO_RELEASES the AppStream <release> elements
#   HANDOFF_DEBIAN_CHANGELOG  the Debian changelog's text (native package format)
# and HANDOFF_MAINTAINER must be set before.

function(handoff_read_releases file)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    file(STRINGS ${file} lines)
    set(versions)
    set(current)
    foreach(line IN LISTS lines)
        if(line MATCHES "^#" OR line STREQUAL "")
            continue()
        elseif(line MATCHES "^([0-9]+\\.[0-9]+\\.[0-9]+) ([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])$")
            set(current ${CMAKE_MATCH_1})
            list(APPEND versions ${current})
            set(date_${current} ${CMAKE_MATCH_2})
            set(notes_${current})
        elseif(current AND line MATCHES "^- (.+)$")
            list(APPEND notes_${current} "${CMAKE_MATCH_1}")
        elseif(current AND line MATCHES "^    (.+)$")
            # A note's next line: joined to it, the line break kept as a tab for the changelog.
            list(POP_BACK notes_${current} note)
            list(APPEND notes_${current} "${note}\t${CMAKE_MATCH_1}")
        else()
            message(FATAL_ERROR "${file}: cannot read the line '${line}' (see the file's header)")
        endif()
    endforeach()
    list(GET versions 0 newest)
    if(NOT newest STREQUAL PROJECT_VERSION)
        message(FATAL_ERROR "${file}: the newest release is ${newest}, but project() says "
                            "${PROJECT_VERSION}; add the release's notes there")
    endif()

    set(metainfo "")
    set(changelog "")
    foreach(version IN LISTS versions)
        set(items "")
        set(entries "")
        foreach(note IN LISTS notes_${version})
            string(REPLACE "\t" " " one_line "${note}")
            string(REPLACE "&" "&amp;" one_line "${one_line}")
            string(REPLACE "<" "&lt;" one_line "${one_line}")
            string(APPEND items "          <li>${one_line}</li>\n")
            string(REPLACE "\t" "\n    " wrapped "${note}")
            string(APPEND entries "  * ${wrapped}\n")
        endforeach()
        string(APPEND metainfo
            "    <release version=\"${version}\" date=\"${date_${version}}\">\n"
            "      <description>\n        <ul>\n${items}        </ul>\n      </description>\n"
            "    </release>\n")
        # Debian wants an RFC 5322 date; noon UTC, so the day is the same everywhere.
        execute_process(COMMAND date -u -R -d "${date_${version}} 12:00"
                        OUTPUT_VARIABLE rfc_date OUTPUT_STRIP_TRAILING_WHITESPACE
                        COMMAND_ERROR_IS_FATAL ANY)
        string(APPEND changelog
            "handoff (${version}) bookworm; urgency=medium\n\n${entries}\n"
            " -- ${HANDOFF_MAINTAINER}  ${rfc_date}\n\n")
    endforeach()
    string(STRIP "${changelog}" changelog)
    set(HANDOFF_RELEASE_DATE ${date_${newest}} PARENT_SCOPE)
    set(HANDOFF_METAINFO_RELEASES "${metainfo}" PARENT_SCOPE)
    set(HANDOFF_DEBIAN_CHANGELOG "${changelog}\n" PARENT_SCOPE)
endfunction()
