#!/usr/bin/env bash
# Installing, as a cluster module or a user would (CTest, from the repository root):
#   1. cmake --install BUILD --prefix TMP: bin/attachsim, share/attachsim/configs, the Python package with
#      its extension in TMP's site-packages; the installed binary runs an installed config, the installed
#      package finds the installed configs and binary (attachsim/_installed.py), and the installed
#      `attachsim compare` finds the installed package.
#   2. pip install ./python into a virtual environment that sees Debian's packages, offline (--no-index,
#      --no-build-isolation; --no-deps, as Debian's h5py is registered under another name, so pip cannot
#      see that it is there), reusing BUILD for the extension: the environment's python imports attachsim
#      from the environment and runs.
# Usage: install_test.sh BUILD PYTHON. Works in a temporary directory removed on exit.
set -euo pipefail
build="$(realpath "${1:?usage: install_test.sh BUILD PYTHON}")" python="${2:?usage: install_test.sh BUILD PYTHON}"
repo="$PWD"
[[ -d "$repo/python/attachsim" ]] || { echo "FAIL: run from the repository root" >&2; exit 1; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/attachsim-install-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
unset ATTACHSIM_BUILD_DIR ATTACHSIM_BINARY PYTHONPATH   # nothing may come from the checkout below

# 1. cmake --install
prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }
site="$(find "$prefix" -path '*-packages/attachsim/__init__.py' -printf '%h\n' | head -n1)"
site="${site%/attachsim}"
for f in "$prefix/bin/attachsim" "$prefix/share/attachsim/configs/normative.yaml" \
         "$prefix/share/attachsim/docs/calibration.md" "$prefix/share/doc/attachsim/LICENSE" \
         "$prefix/share/doc/attachsim/CITATION.cff" "$site/attachsim/_installed.py"; do
  [[ -f "$f" ]] && ok "installed ${f#"$prefix"/}" || fail "not installed: ${f#"$prefix"/}"
done
ls "$site"/attachsim/_attachsim*.so >/dev/null 2>&1 && ok "installed the extension" || fail "the extension is not installed"

mkdir -p "$tmp/elsewhere" && cd "$tmp/elsewhere"
if "$prefix/bin/attachsim" run "$prefix/share/attachsim/configs/normative.yaml" --set run.dyads=40 -q -o a.h5; then
  ok "the installed binary runs an installed config"
else
  fail "the installed binary could not run an installed config"
fi
if PYTHONPATH="$site" "$python" - "$prefix" <<'PY'
import os, sys
import attachsim
from attachsim import _paths
prefix = sys.argv[1]
assert attachsim.__file__.startswith(prefix), attachsim.__file__
assert os.path.samefile(_paths.binary(), os.path.join(prefix, "bin", "attachsim")), _paths.binary()
r = attachsim.run("configs/normative.yaml", dyads=40, seed=3)   # found in the installed share/attachsim
assert r.rows == 40 and r.meta["config_file"].startswith(prefix)
PY
then
  ok "the installed package runs the installed configs and finds the installed binary"
else
  fail "the installed package does not work on its own"
fi
if "$prefix/bin/attachsim" compare a.h5 a.h5 >compare.txt 2>&1 && grep -q "A and B have the same configuration" compare.txt; then
  ok "the installed attachsim compare runs the installed package"
else
  fail "the installed attachsim compare failed: $(cat compare.txt)"
fi

# 2. pip install ./python into a virtual environment
cd "$tmp"
"$python" -m venv --system-site-packages venv
cp -r "$repo/python" source   # pip builds in the source folder; keep the checkout clean
if ATTACHSIM_BUILD_DIR="$build" venv/bin/pip install --no-index --no-deps --no-build-isolation ./source >pip.log 2>&1; then
  ok "pip install ./python"
else
  cat pip.log >&2
  fail "pip install ./python failed"
fi
if (cd elsewhere && ../venv/bin/python - "$tmp/venv" "$repo/configs/normative.yaml" <<'PY'
import sys
import attachsim
assert attachsim.__file__.startswith(sys.argv[1]), attachsim.__file__
r = attachsim.run(sys.argv[2], dyads=30, seed=2)
assert r.rows == 30
PY
); then
  ok "the virtual environment's python imports attachsim from the environment and runs"
else
  fail "attachsim from the virtual environment does not work"
fi

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all install checks passed"
