# shellcheck shell=bash
# Shared helpers for scripts/demo, scripts/test and scripts/bench. Sourced, never run: it defines
# functions and variables only, and leaves shell options to the calling script (set -euo pipefail).
#
#   REPO        the repository root, found from this file's own location so scripts run from any cwd
#   BUILD_DIR   where the build goes: $ATTACHSIM_BUILD_DIR, else $REPO/build
#   ensure_packages [GROUP...]    install the missing Debian packages of the groups (no apt call if none)
#   configure_and_build DIR [cmake -D args...] [--target NAME...]
#   find_python                   print a python3 that can import the Python package's dependencies
#   run_package COMMAND ARGS...   python3 -m attachsim COMMAND ARGS... from this checkout

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck disable=SC2034  # used by the scripts that source this file
BUILD_DIR="${ATTACHSIM_BUILD_DIR:-$REPO/build}"

# What each step needs, by Debian package name, in groups, so that each script installs only what it
# uses: `scripts/demo` the build and the Python package (its first result and figures come without
# MPI, SLURM, a browser or Node), `scripts/test` everything. A fresh machine (or CI's) has none of what
# a developer installed by hand, so the scripts install it themselves.
#   build    the compiler, CMake and the libraries of the `attachsim` binary (the classroom server's too),
#            and npm, which fetches the classroom page's charting library (Chart.js) at build time
#   python   the Python package: its extension (pybind11), the analysis (numpy, pandas, scipy,
#            statsmodels), the files (h5py, PyYAML) and the figures (matplotlib)
#   tests    what only the tests use: MPI and a real SLURM for the sweep tests, Chromium for the
#            classroom page's browser test, emscripten for the classroom's static page (the model compiled
#            to WebAssembly, built and tested by scripts/test), h5diff, pytest, and nbclient with a kernel
#            for the notebook
declare -A ATTACHSIM_PACKAGE_GROUPS=(
  [build]="build-essential cmake ninja-build libboost-dev libtbb-dev libhdf5-dev libyaml-cpp-dev doctest-dev
           libcli11-dev librandom123-dev libcpp-httplib-dev nlohmann-json3-dev nodejs"
  [python]="python3-dev pybind11-dev python3-numpy python3-pandas python3-scipy python3-statsmodels python3-h5py
            python3-yaml python3-matplotlib"
  [tests]="hdf5-tools openmpi-bin libopenmpi-dev slurm-wlm munge chromium python3-pytest python3-nbclient
           python3-nbformat python3-ipykernel python3-venv python3-pip python3-wheel emscripten"
)
# Debian's `npm` package only where no npm command exists: NodeSource's nodejs (which CI machines
# have) bundles npm and conflicts with Debian's, so listing npm above would make apt fail there.
command -v npm >/dev/null 2>&1 || ATTACHSIM_PACKAGE_GROUPS[build]+=" npm"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ensure_packages [GROUP...]: installs the missing packages of the groups named (default: every group).
# Sets ATTACHSIM_INSTALLED_PACKAGES=1 when it installed any, so configure_and_build reconfigures a build
# directory configured before them (CMake finds MPI or pybind11 only when it runs).
ensure_packages() {
  local group pkg missing=() wanted=()
  (($#)) || set -- build python tests
  for group in "$@"; do
    [[ -n "${ATTACHSIM_PACKAGE_GROUPS[$group]+set}" ]] || die "ensure_packages: no package group '$group'"
    # shellcheck disable=SC2206  # the group is a list of words
    wanted+=(${ATTACHSIM_PACKAGE_GROUPS[$group]})
  done
  # Not Debian (a cluster with modules, Spack, macOS...): the user provides the libraries.
  if ! command -v dpkg >/dev/null 2>&1; then
    log "no dpkg here: skipping package installation; make sure ${wanted[*]} (or equivalents) are available"
    return 0
  fi
  for pkg in "${wanted[@]}"; do
    # `dpkg -s` also succeeds for removed-but-configured packages, so check the status line itself.
    dpkg -s "$pkg" 2>/dev/null | grep -qx 'Status: install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0   # the common case: no apt call at all, so it stays instant

  local -a as_root=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}) and not root and no sudo: install them first"
    as_root=(sudo)
  fi
  log "installing missing packages: ${missing[*]}"
  # env inside sudo because sudo drops DEBIAN_FRONTEND; noninteractive because CI has no stdin.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  # shellcheck disable=SC2034  # read by configure_and_build
  ATTACHSIM_INSTALLED_PACKAGES=1
}

# Prints the value NAME has in DIR/CMakeCache.txt ("NAME:TYPE=VALUE"); fails if it has none.
_cache_value() {
  local cache="$1/CMakeCache.txt" name="$2" line
  line="$(grep -m1 -E "^${name}(:[A-Za-z_]+)?=" "$cache")" || return 1
  printf '%s' "${line#*=}"
}

# True when DIR is configured for this source tree with Ninja and every -DNAME[:TYPE]=VALUE asked for
# already holds. Comparing against the cache (not against the last command line) means scripts that
# ask for different options in one directory do not reconfigure and rebuild each other endlessly:
# demo (which asks for nothing special) is content with the -Werror build scripts/test left behind.
_configured_as() {
  local dir="$1" arg name value
  shift
  [[ -f "$dir/CMakeCache.txt" && -f "$dir/build.ninja" ]] || return 1
  [[ "$(realpath -m "$(_cache_value "$dir" CMAKE_HOME_DIRECTORY)")" == "$(realpath "$REPO")" ]] || return 1
  [[ "$(_cache_value "$dir" CMAKE_GENERATOR)" == "Ninja" ]] || return 1
  for arg in "$@"; do
    [[ "$arg" =~ ^-D([A-Za-z0-9_]+)(:[A-Za-z]+)?=(.*)$ ]] || return 1   # anything else: just reconfigure
    name="${BASH_REMATCH[1]}" value="${BASH_REMATCH[3]}"
    [[ "$(_cache_value "$dir" "$name")" == "$value" ]] || return 1
  done
}

configure_and_build() {
  local dir="$1"
  shift
  local -a cmake_args=() targets=()
  while (($#)); do
    case "$1" in
      --target) (($# >= 2)) || die "configure_and_build: --target needs a name"; targets+=(--target "$2"); shift 2 ;;
      *) cmake_args+=("$1"); shift ;;
    esac
  done
  # Release unless the caller chose a build type (the sanitizer pass asks for RelWithDebInfo).
  [[ " ${cmake_args[*]} " == *" -DCMAKE_BUILD_TYPE"[:=]* ]] || cmake_args=(-DCMAKE_BUILD_TYPE=Release "${cmake_args[@]}")

  if [[ -f "$dir/CMakeCache.txt" ]]; then
    local generator
    generator="$(_cache_value "$dir" CMAKE_GENERATOR || true)"
    [[ -z "$generator" || "$generator" == "Ninja" ]] ||
      die "$dir was configured with '$generator', not Ninja: remove it or set ATTACHSIM_BUILD_DIR to another directory"
  fi
  if [[ "${ATTACHSIM_INSTALLED_PACKAGES:-0}" != 1 ]] && _configured_as "$dir" "${cmake_args[@]}"; then
    log "build directory $dir is already configured"
  else
    log "configuring $dir: ${cmake_args[*]}"
    # `|| return`: callers may run this under `if`, where set -e does not stop a failed step.
    cmake -S "$REPO" -B "$dir" -G Ninja "${cmake_args[@]}" || return
  fi
  # Ninja re-runs cmake by itself when a CMakeLists.txt changes; an up-to-date tree builds in ~1 s.
  log "building $dir${targets[*]:+ (${targets[*]})}"
  cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}"
}

# The first python3 on PATH may be a bare one (pyenv, a venv) without the Debian-packaged modules that
# ensure_packages installs, so prefer the system interpreter.
ATTACHSIM_PYTHON_MODULES="h5py, numpy, pandas, scipy, statsmodels, yaml, matplotlib"
find_python() {
  local candidate
  for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    if "$candidate" -c "import $ATTACHSIM_PYTHON_MODULES" >/dev/null 2>&1; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  printf 'error: no python3 that can import %s (try: apt-get install %s)\n' "$ATTACHSIM_PYTHON_MODULES" \
    "${ATTACHSIM_PACKAGE_GROUPS[python]}" >&2
  return 1
}

# run_package MODULE ARGS...: runs `python3 -m attachsim MODULE ARGS...` from this checkout (scripts/plot,
# scripts/calibrate), with the interpreter find_python picks, installing the python group if needed.
run_package() {
  local python
  if ! python="$(find_python 2>/dev/null)"; then
    ensure_packages python
    python="$(find_python)" || exit 2
  fi
  # MPLBACKEND: no display is ever needed (the package selects Agg too; this also covers a stray pyplot).
  PYTHONPATH="$REPO/python${PYTHONPATH:+:$PYTHONPATH}" MPLBACKEND=Agg exec "$python" -m attachsim "$@"
}
