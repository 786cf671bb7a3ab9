# cmake -DWEB=... -DCHART=... -DENGINE=... -DSITE=... -P assemble_site.cmake: the static page's folder
# (static_page.cmake). Written under temporary names and renamed, so that a failed step leaves no
# half-made site behind.
foreach(file index.html classroom.js classroom.css)
  configure_file(${WEB}/${file} ${SITE}/${file}.tmp COPYONLY)
  file(RENAME ${SITE}/${file}.tmp ${SITE}/${file})
endforeach()
file(MAKE_DIRECTORY ${SITE}/vendor)
configure_file(${CHART} ${SITE}/vendor/chart.umd.js.tmp COPYONLY)
file(RENAME ${SITE}/vendor/chart.umd.js.tmp ${SITE}/vendor/chart.umd.js)
file(READ ${ENGINE} engine)
file(READ ${WEB}/engine_static.js glue)
file(WRITE ${SITE}/engine.js.tmp "${engine}\n${glue}")
file(RENAME ${SITE}/engine.js.tmp ${SITE}/engine.js)
