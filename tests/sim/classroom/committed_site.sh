#!/usr/bin/env bash
# The committed static page (docs/classroom/, what a teacher opens without building anything) is byte
# for byte the one this build makes, so that it computes what the current model computes.
#   committed_site.sh BUILT_SITE COMMITTED_SITE
# Exit 77 (skipped) only when the site was not built (no emscripten), never under CI (CI=true).
set -euo pipefail
built="$1" committed="$2"
if [[ ! -f "$built/engine.js" ]]; then
  if [[ "${CI:-}" == true ]]; then echo "FAIL (CI may not skip): no static site built in $built"; exit 1; fi
  echo "SKIP: no static site built in $built (emscripten is missing)"; exit 77
fi
if diff -r -q "$built" "$committed"; then
  echo "docs/classroom is the static page this build makes ($(du -sh "$committed" | cut -f1))"
  exit 0
fi
echo "FAIL: docs/classroom differs from the static page this build makes (above). After changing the model or"
echo "the page, refresh it and commit it:  cmake --build build --target update_classroom_site"
exit 1
