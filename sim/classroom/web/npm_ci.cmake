# cmake -DNPM=... -DDIR=... -DSTAMP=... -DCHART=... -P npm_ci.cmake: `npm ci` in DIR. A failure stops the
# build (a page without its charts is no page) and leaves no stamp, so the next build tries again.
execute_process(COMMAND ${NPM} ci --prefix ${DIR} --no-audit --no-fund --loglevel=error RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm ci failed in ${DIR} (exit ${result}): the classroom page cannot have its charting "
                      "library (Chart.js). Is the npm registry reachable?")
endif()
if(NOT EXISTS ${CHART})
  message(FATAL_ERROR "npm ci installed no ${CHART}: the classroom page needs Chart.js's UMD build there")
endif()
file(TOUCH ${STAMP})
