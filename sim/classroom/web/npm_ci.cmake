# cmake -DNPM=... -DDIR=... -DSTAMP=... -P npm_ci.cmake: `npm ci` in DIR; a failure (offline, say) is a
# warning, not a build error, and leaves no stamp so the next build tries again.
execute_process(COMMAND ${NPM} ci --prefix ${DIR} --no-audit --no-fund --loglevel=error
                RESULT_VARIABLE result)
if(result EQUAL 0)
  file(TOUCH ${STAMP})
else()
  message(WARNING "npm ci failed in ${DIR} (exit ${result}): the classroom page will lack its charting library")
endif()
