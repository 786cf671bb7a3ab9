#!/usr/bin/env bash
# The classroom page in a real browser: starts `attachsim serve` on a free port, drives Debian's
# Chromium with playwright-core (tests/sim/classroom/classroom.test.mjs), stops the server.
#   classroom_test.sh ATTACHSIM_BINARY SOURCE_DIR BUILD_DIR
# Exit 77 (skipped) ONLY when chromium or node is missing; anything else that goes wrong fails.
# Screenshots go to BUILD_DIR/classroom-screenshots/.
set -euo pipefail
binary="$1" source_dir="$2" build_dir="$3"
chromium="${ATTACHSIM_CHROMIUM:-/usr/bin/chromium}"

if [[ ! -x "$chromium" ]]; then echo "SKIP: no Chromium at $chromium (Debian package chromium)"; exit 77; fi
if ! command -v node >/dev/null 2>&1; then echo "SKIP: no node (Debian package nodejs)"; exit 77; fi
command -v npm >/dev/null 2>&1 || { echo "FAIL: node is here but npm is not"; exit 1; }

# playwright-core, from tests/sim/classroom/package-lock.json, into the build directory (never the source tree).
modules="$build_dir/classroom-test"
mkdir -p "$modules"
if ! cmp -s "$source_dir/tests/sim/classroom/package-lock.json" "$modules/package-lock.json" ||
   [[ ! -d "$modules/node_modules/playwright-core" ]]; then
  cp "$source_dir/tests/sim/classroom/package.json" "$source_dir/tests/sim/classroom/package-lock.json" "$modules/"
  npm ci --prefix "$modules" --no-audit --no-fund --loglevel=error
fi
cp "$source_dir/tests/sim/classroom/classroom.test.mjs" "$modules/"

shots="$build_dir/classroom-screenshots"
rm -rf "$shots"
mkdir -p "$shots"

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

status=0
node "$modules/classroom.test.mjs" "$url" "$shots" "$chromium" || status=$?

# The server must stop cleanly on SIGTERM (exit 0), which also runs the leak check under ASan.
kill -TERM "$server"
server_status=0
wait "$server" || server_status=$?
server=""
echo "--- server output"
cat "$log"
if ((server_status != 0)); then echo "FAIL: attachsim serve exited with $server_status on SIGTERM"; status=1; fi
ls -l "$shots"
exit "$status"
