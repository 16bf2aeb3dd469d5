# The layer rule over every source, run by ctest as `check-layers`:
#   cmake -DSOURCE_DIR=<repository> -P checklayers.cmake
# A file may include its own layer and the layers below it, each include naming its folder
# ("store/database.h"). The build already refuses most back-arrows (a layer sees only the
# include roots of the layers it links); this check also covers what a compiler cannot see
# (an include inside #if, a path written with "..") and prints the whole picture at once.
#
#   app -> cli -> ui -> io, queues, demo -> scoring -> store
#           |      \-> analytics ---------------------> store
#           \-> intake -> io

cmake_minimum_required(VERSION 3.25)

set(below_store "")
set(below_scoring store)
set(below_analytics store)
set(below_io scoring store)
set(below_queues scoring store)
set(below_demo scoring store)
set(below_intake io scoring store)
set(below_ui store scoring analytics io queues demo)
set(below_cli ui store scoring analytics io queues demo intake)
set(below_app cli ui store scoring analytics io queues demo intake)
set(layers store scoring analytics io queues demo intake ui cli app)

function(layer_of path out)
    if(path MATCHES "^models/([a-z]+)/")
        set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
    elseif(path MATCHES "^ui/")
        set(${out} ui PARENT_SCOPE)
    elseif(path MATCHES "^app/cli/")
        set(${out} cli PARENT_SCOPE)
    elseif(path MATCHES "^app/")
        set(${out} app PARENT_SCOPE)
    else()
        set(${out} "" PARENT_SCOPE)
    endif()
endfunction()

file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/models/*.h ${SOURCE_DIR}/models/*.cpp
     ${SOURCE_DIR}/ui/*.h ${SOURCE_DIR}/ui/*.cpp
     ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp)
set(problems 0)
foreach(source IN LISTS sources)
    layer_of(${source} layer)
    if(NOT layer IN_LIST layers)
        message(SEND_ERROR "${source}: not in a known layer (models/<layer>, ui, app/cli, app)")
        math(EXPR problems "${problems} + 1")
        continue()
    endif()
    set(allowed ${layer} ${below_${layer}})
    file(STRINGS ${SOURCE_DIR}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    set(line_number 0)
    foreach(include IN LISTS includes)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" header "${include}")
        if(header MATCHES "\\.moc$" OR header MATCHES "^moc_")
            continue()
        endif()
        if(NOT header MATCHES "^([a-z]+)/[^/]+$")
            message(SEND_ERROR "${source}: #include \"${header}\": name the layer's folder, "
                               "as in \"store/database.h\"")
            math(EXPR problems "${problems} + 1")
            continue()
        endif()
        set(target ${CMAKE_MATCH_1})
        if(NOT target IN_LIST allowed)
            message(SEND_ERROR "${source}: #include \"${header}\": ${layer} may include only "
                               "${allowed}; ${target} is above it or beside it")
            math(EXPR problems "${problems} + 1")
        endif()
    endforeach()
endforeach()
list(LENGTH sources files)
if(problems)
    message(FATAL_ERROR "${problems} include(s) break the layers, in ${files} files")
endif()
message(STATUS "${files} files, every include within its layer or below")
