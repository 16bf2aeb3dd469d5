# cmake -DHANDOFF=path/to/handoff -DOUT=path/to/handoff.1 -P write-manual.cmake
# Runs `handoff --manual-page` into OUT and compresses it as Debian wants (gzip -9, no name or
# time in the header, so the same page gives the same bytes).
# In a sanitizer build, leaks are looked for by the tests (tst_manualpage runs this too, with
# the suppressions ctest gives it), not by the build.
set(ENV{ASAN_OPTIONS} detect_leaks=0)
execute_process(COMMAND ${HANDOFF} --manual-page OUTPUT_FILE ${OUT} RESULT_VARIABLE result
                ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "handoff --manual-page failed (${result}): ${errors}")
endif()
execute_process(COMMAND gzip -9nkf ${OUT} COMMAND_ERROR_IS_FATAL ANY)
