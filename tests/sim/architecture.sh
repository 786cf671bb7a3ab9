#!/usr/bin/env bash
# The rooms' dependencies point one way (docs/architecture.md). The build already keeps a library from
# seeing the project headers of rooms it does not link; this test also catches third-party headers,
# which sit on the system's include path where the build cannot hide them: the core and the science do
# no I/O, no threading and no serving. Prints every violation; exits 1 if there is one.
set -euo pipefail
cd "${1:?usage: architecture.sh SOURCE_DIR}"

# room | project rooms it may include | third-party headers it must not include (extended regex)
rules=(
  "sim/core|sim/core|hdf5|yaml-cpp|tbb/|oneapi/|mpi\\.h|httplib|nlohmann|CLI/"
  "sim/input|sim/core sim/input|hdf5|tbb/|oneapi/|mpi\\.h|httplib|nlohmann|CLI/"
  "sim/engine|sim/core sim/engine|hdf5|yaml-cpp|mpi\\.h|httplib|nlohmann|CLI/"
  "sim/output|sim/core sim/engine sim/output|yaml-cpp|mpi\\.h|httplib|nlohmann|CLI/"
  "sim/runs|sim/core sim/input sim/engine sim/output sim/runs|mpi\\.h|httplib|nlohmann|CLI/"
  "sim/trials|sim/core sim/input sim/engine sim/output sim/trials|mpi\\.h|httplib|nlohmann|CLI/"
  "sim/sweeps|sim/core sim/input sim/engine sim/output sim/sweeps|httplib|nlohmann|CLI/"
  "sim/classroom|sim/core sim/input sim/engine sim/classroom|hdf5|mpi\\.h|CLI/"
  "models|sim/core models|hdf5|yaml-cpp|tbb/|oneapi/|mpi\\.h|httplib|nlohmann|CLI/"
)

status=0
for rule in "${rules[@]}"; do
  IFS='|' read -r room allowed forbidden <<<"$rule"
  while IFS= read -r line; do
    where="${line%%:#include*}" header="${line#*#include \"}"
    header="${header%%\"*}"
    ok=0
    for a in $allowed; do [[ "$header" == "$a"/* ]] && ok=1; done
    [[ "$header" == sim/* || "$header" == models/* ]] || ok=1   # a header beside the file itself
    if ((ok == 0)); then
      echo "$where: $room may not include \"$header\" (it may use: $allowed)"
      status=1
    fi
  done < <(grep -rnE '^#include "' "$room" --include='*.hpp' --include='*.cpp' || true)
  while IFS= read -r line; do
    echo "$line: $room may not include this third-party header"
    status=1
  done < <(grep -rnE "^#include <($forbidden)" "$room" --include='*.hpp' --include='*.cpp' || true)
done
((status == 0)) && echo "every room includes only what it may use"
exit "$status"
