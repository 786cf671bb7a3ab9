#!/usr/bin/env bash
# scripts/plot end to end, run by CTest (tests/plot.cmake) from the repository root: a small run made by
# the real binary is plotted; every expected figure must exist as a real PNG of some size and as an SVG,
# and the error cases must fail the documented way. The binary is $ATTACHSIM_BINARY (CTest sets it),
# else $ATTACHSIM_BUILD_DIR/attachsim, else build/attachsim. Runs in a temporary directory removed on exit.
set -euo pipefail

binary="${ATTACHSIM_BINARY:-${ATTACHSIM_BUILD_DIR:-build}/attachsim}"
[[ -x "$binary" ]] || { echo "FAIL: no attachsim binary at $binary (set ATTACHSIM_BINARY)" >&2; exit 1; }
[[ -x scripts/plot ]] || { echo "FAIL: run from the repository root (no scripts/plot in $PWD)" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/attachsim-plot-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# Runs scripts/plot ARGS..., leaving its exit code in $rc and its output in $tmp/out.txt and $tmp/err.txt.
plot() {
  rc=0
  scripts/plot "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" || rc=$?
}

# 1. A small run with the monthly time series.
"$binary" run configs/normative.yaml --set run.dyads=300 --set run.timeseries=true -q -o "$tmp/run.h5"

# 2. Plot it.
plot "$tmp/run.h5" -o "$tmp/figs" --format png,svg
if ((rc != 0)); then
  cat "$tmp/out.txt" "$tmp/err.txt" >&2
  fail "scripts/plot exited $rc on a run with a time series"
fi

# 3. Every figure as a real PNG (signature bytes, more than a few KB) and an SVG, each listed as written.
png_magic="89504e470d0a1a0a"
for name in attachment_classes working_models sensitivity_security risk; do
  png="$tmp/figs/$name.png" svg="$tmp/figs/$name.svg"
  if [[ ! -f "$png" ]]; then
    fail "$name.png was not written"
  else
    magic="$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')"
    size="$(stat -c %s "$png")"
    if [[ "$magic" != "$png_magic" ]]; then
      fail "$name.png is not a PNG (it starts with $magic)"
    elif ((size < 20000)); then
      fail "$name.png is only $size bytes: an empty or broken figure?"
    else
      ok "$name.png is a PNG of $size bytes"
    fi
  fi
  if [[ -s "$svg" ]] && grep -q '<svg' "$svg"; then
    ok "$name.svg written"
  else
    fail "$name.svg is missing or not an SVG"
  fi
  for file in "$png" "$svg"; do
    grep -qxF "$file" "$tmp/out.txt" || fail "$file is not in the list of files written"
  done
done

# 4. Error cases: a missing file and a file that is not HDF5 exit 2 with an error naming the file.
plot "$tmp/no-such-run.h5" -o "$tmp/figs-missing"
if ((rc != 2)); then
  fail "a missing file gave exit $rc, not 2"
elif ! grep -qF "no-such-run.h5" "$tmp/err.txt"; then
  fail "the error for a missing file does not name it: $(cat "$tmp/err.txt")"
else
  ok "missing file: exit 2, $(cat "$tmp/err.txt")"
fi
[[ ! -e "$tmp/figs-missing" ]] || fail "a missing file still created the output directory"

echo "not a result" >"$tmp/notes.h5"
plot "$tmp/notes.h5" -o "$tmp/figs-text"
if ((rc != 2)); then
  fail "a file that is not HDF5 gave exit $rc, not 2"
elif ! grep -qF "notes.h5" "$tmp/err.txt"; then
  fail "the error for a file that is not HDF5 does not name it: $(cat "$tmp/err.txt")"
else
  ok "file that is not HDF5: exit 2, $(cat "$tmp/err.txt")"
fi

# 5. Without /timeseries the other figures are drawn, and a note says how to get the trajectories.
"$binary" run configs/normative.yaml --set run.dyads=300 --set run.timeseries=false -q -o "$tmp/plain.h5"
plot "$tmp/plain.h5" -o "$tmp/figs-plain" --format png
if ((rc != 0)); then
  cat "$tmp/out.txt" "$tmp/err.txt" >&2
  fail "scripts/plot exited $rc on a run without a time series"
else
  [[ -f "$tmp/figs-plain/attachment_classes.png" ]] || fail "no attachment_classes.png for a run without a time series"
  [[ ! -e "$tmp/figs-plain/working_models.png" ]] || fail "working_models.png drawn for a run without a time series"
  [[ ! -e "$tmp/figs-plain/attachment_classes.svg" ]] || fail "--format png also wrote an SVG"
  if grep -qF "run.timeseries=true" "$tmp/err.txt"; then
    ok "run without a time series: $(grep -F working_models "$tmp/err.txt")"
  else
    fail "no note saying to run with --set run.timeseries=true: $(cat "$tmp/err.txt")"
  fi
fi

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all plot checks passed"
