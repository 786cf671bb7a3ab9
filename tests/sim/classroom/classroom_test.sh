#!/usr/bin/env bash
# The classroom page's tests that need Node.js, and for two of them Debian's Chromium:
#   classroom_test.sh MODE ATTACHSIM_BINARY SOURCE_DIR BUILD_DIR
#   MODE served: the page from `attachsim serve`, in Chromium (classroom.test.mjs)
#        static: the static site (BUILD_DIR/classroom-site, the model as WebAssembly), opened from a file, in Chromium
#        equal:  the static site's engine answers bitwise what the server answers (static_equals_server.mjs, in Node)
# Exit 77 (skipped) ONLY when chromium or node is missing, or the static site was not built (no
# emscripten), and never under CI (CI=true), where a skipped page is a failed page.
# Screenshots go to BUILD_DIR/classroom-screenshots/.
set -euo pipefail
mode="$1" binary="$2" source_dir="$3" build_dir="$4"
chromium="${ATTACHSIM_CHROMIUM:-/usr/bin/chromium}"
site="$build_dir/classroom-site"

skip() {
  if [[ "${CI:-}" == true ]]; then echo "FAIL (CI may not skip): $*"; exit 1; fi
  echo "SKIP: $*"; exit 77
}
[[ "$mode" == equal || -x "$chromium" ]] || skip "no Chromium at $chromium (Debian package chromium)"
command -v node >/dev/null 2>&1 || skip "no node (Debian package nodejs)"
command -v npm >/dev/null 2>&1 || { echo "FAIL: node is here but npm is not"; exit 1; }
[[ "$mode" == served || -f "$site/engine.js" ]] || skip "no static site in $site: emscripten is missing (apt-get install emscripten)"

# playwright-core, from tests/sim/classroom/package-lock.json, into the build directory (never the source tree).
modules="$build_dir/classroom-test"
mkdir -p "$modules"
(
  # One install at a time: the served and static tests may start together under ctest -j.
  flock 9
  if ! cmp -s "$source_dir/tests/sim/classroom/package-lock.json" "$modules/package-lock.json" ||
     [[ ! -d "$modules/node_modules/playwright-core" ]]; then
    cp "$source_dir/tests/sim/classroom/package.json" "$source_dir/tests/sim/classroom/package-lock.json" "$modules/"
    npm ci --prefix "$modules" --no-audit --no-fund --loglevel=error
  fi
) 9>"$modules/.install.lock"
cp "$source_dir/tests/sim/classroom/classroom.test.mjs" "$source_dir/tests/sim/classroom/static_equals_server.mjs" "$modules/"

shots="$build_dir/classroom-screenshots"
mkdir -p "$shots"
rm -f "$shots/$mode"-*.png

log="$(mktemp)"
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT

start_server() {
  # --port 0: the kernel picks a free port, and the server prints the URL it got.
  "$binary" serve --port 0 --host 127.0.0.1 >"$log" 2>&1 &
  server=$!
  url=""
  for _ in $(seq 1 600); do   # up to 60 s: the sanitizer build starts slowly
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -n1 || true)"
    [[ -n "$url" ]] && break
    kill -0 "$server" 2>/dev/null || { echo "FAIL: attachsim serve exited:"; cat "$log"; exit 1; }
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "FAIL: attachsim serve printed no URL:"; cat "$log"; exit 1; }
  echo "server at $url"
}

# The server must stop cleanly on SIGTERM (exit 0), which also runs the leak check under ASan.
stop_server() {
  kill -TERM "$server"
  local server_status=0
  wait "$server" || server_status=$?
  server=""
  echo "--- server output"
  cat "$log"
  if ((server_status != 0)); then echo "FAIL: attachsim serve exited with $server_status on SIGTERM"; status=1; fi
}

status=0
case "$mode" in
  served)
    start_server
    node "$modules/classroom.test.mjs" served "$url" "$shots" "$chromium" || status=$?
    stop_server ;;
  static)
    node "$modules/classroom.test.mjs" static "file://$site/index.html" "$shots" "$chromium" || status=$? ;;
  equal)
    start_server
    node "$modules/static_equals_server.mjs" "$url" "$site/engine.js" || status=$?
    stop_server ;;
  *) echo "unknown mode '$mode'"; exit 2 ;;
esac
ls "$shots" | grep "^$mode-" || true
exit "$status"
