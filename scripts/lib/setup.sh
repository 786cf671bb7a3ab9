# shellcheck shell=bash
# Shared helpers for scripts/demo, scripts/test and scripts/bench. Sourced, never run: it defines
# functions and variables only, and leaves shell options to the calling script (set -euo pipefail).
#
#   REPO        the repository root, found from this file's own location so scripts run from any cwd
#   BUILD_DIR   where the build goes: $ATTACHSIM_BUILD_DIR, else $REPO/build
#   ensure_packages               install the Debian packages that are missing (no apt call if none)
#   configure_and_build DIR [cmake -D args...] [--target NAME...]
#   find_python                   print a python3 that can import h5py, numpy and matplotlib

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck disable=SC2034  # used by the scripts that source this file
BUILD_DIR="${ATTACHSIM_BUILD_DIR:-$REPO/build}"

# Everything the build, the tests and the plotting need, by Debian package name. A fresh machine
# (or CI's) has none of what a developer installed by hand, so the scripts install it themselves.
ATTACHSIM_PACKAGES=(
  build-essential cmake ninja-build
  libboost-dev libtbb-dev libhdf5-dev libyaml-cpp-dev doctest-dev libcli11-dev librandom123-dev
  python3-h5py python3-numpy python3-matplotlib hdf5-tools
  openmpi-bin libopenmpi-dev
  slurm-wlm munge                         # the real single-node SLURM of tests/sim/sweeps/slurm_sweep.sh
  libcpp-httplib-dev nlohmann-json3-dev   # attachsim serve (the classroom page)
  chromium nodejs                         # the classroom page's browser test (npm: see below)
  emscripten                              # the classroom's static page: the model compiled to WebAssembly
)
# Debian's `npm` package only where no npm command exists: NodeSource's nodejs (which CI machines
# have) bundles npm and conflicts with Debian's, so listing npm above would make apt fail there.
command -v npm >/dev/null 2>&1 || ATTACHSIM_PACKAGES+=(npm)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_packages() {
  # Not Debian (a cluster with modules, Spack, macOS...): the user provides the libraries.
  if ! command -v dpkg >/dev/null 2>&1; then
    log "no dpkg here: skipping package installation; make sure ${ATTACHSIM_PACKAGES[*]} (or equivalents) are available"
    return 0
  fi
  local pkg missing=()
  for pkg in "${ATTACHSIM_PACKAGES[@]}"; do
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
  if _configured_as "$dir" "${cmake_args[@]}"; then
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

# The first python3 on PATH may be a bare one (pyenv, a venv) without the Debian-packaged h5py, numpy
# and matplotlib that ensure_packages installs, so prefer the system interpreter.
find_python() {
  local candidate
  for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    if "$candidate" -c 'import h5py, numpy, matplotlib' >/dev/null 2>&1; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  printf 'error: no python3 that can import h5py, numpy and matplotlib (try: apt-get install python3-h5py python3-numpy python3-matplotlib)\n' >&2
  return 1
}
