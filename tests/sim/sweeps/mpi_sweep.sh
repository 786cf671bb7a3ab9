#!/usr/bin/env bash
# `mpirun -np 2 attachsim sweep` gives bitwise the same /points as one process.
#   mpi_sweep.sh ATTACHSIM SOURCE_DIR [--no-mpi]
# Exits 77 (CTest's SKIP_RETURN_CODE) when the build has no MPI or mpirun is missing.
set -euo pipefail
binary="$1" source_dir="$2"
[[ "${3:-}" == --no-mpi ]] && { echo "skipped: attachsim was built without MPI"; exit 77; }
command -v mpirun >/dev/null || { echo "skipped: no mpirun on PATH"; exit 77; }
command -v h5dump >/dev/null || { echo "error: h5dump (hdf5-tools) is needed"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/sweep.yaml" <<YAML
base: $source_dir/configs/normative.yaml
set:
  run.dyads: 100
seed: 3
replicates: 2
factors:
  - parameter: caregiver.sensitivity_mean
    range: [0.3, 0.9]
    levels: 3
  - parameter: caregiver.hostile_under_stress
    values: [0.1, 0.8]
outcomes: [ssp_12m_share_B, ssp_12m_share_D, sensitivity_12m_mean]
YAML

"$binary" sweep "$work/sweep.yaml" -q --threads 1 -o "$work/one.h5"
# As root in a container: OpenMPI refuses root without these, and CMA single-copy needs ptrace rights.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun -np 2 --oversubscribe "$binary" sweep "$work/sweep.yaml" -q --threads 1 -o "$work/two.h5"

ranks="$(h5dump -a /meta/ranks "$work/two.h5" | grep -o '(0): [0-9]*' | cut -d' ' -f2)"
[[ "$ranks" == 2 ]] || { echo "error: /meta/ranks is '$ranks', not 2: mpirun did not give the sweep 2 ranks"; exit 1; }

# Every /points dataset, byte for byte.
mapfile -t columns < <(h5ls "$work/one.h5/points" | awk '{print $1}')
mapfile -t columns2 < <(h5ls "$work/two.h5/points" | awk '{print $1}')
((${#columns[@]})) || { echo "error: no /points columns in the one-process result"; exit 1; }
[[ "${columns[*]}" == "${columns2[*]}" ]] || { echo "error: columns differ: ${columns[*]} vs ${columns2[*]}"; exit 1; }
for c in "${columns[@]}"; do
  h5dump -d "/points/$c" -b LE -o "$work/one.$c.bin" "$work/one.h5" >/dev/null
  h5dump -d "/points/$c" -b LE -o "$work/two.$c.bin" "$work/two.h5" >/dev/null
  cmp "$work/one.$c.bin" "$work/two.$c.bin" || { echo "error: /points/$c differs between 1 and 2 ranks"; exit 1; }
done
echo "mpirun -np 2: ${#columns[@]} /points columns bitwise identical to 1 process"
