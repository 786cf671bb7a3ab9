#!/usr/bin/env bash
# A real single-node SLURM runs scripts/slurm/sweep_array.sbatch as a 4-task array; the shards,
# merged with `attachsim merge`, give bitwise the same /points as `attachsim sweep` run locally.
#   slurm_sweep.sh ATTACHSIM SOURCE_DIR
# The script starts its own munged, slurmctld and slurmd (a minimal slurm.conf, private ports, every
# file in one temp dir; no systemd, no /etc/slurm) and stops them on exit, also on failure.
# Exits 77 (CTest's SKIP_RETURN_CODE) only when slurmctld, slurmd or munged is not installed
# (Debian: slurm-wlm munge, which scripts/lib/setup.sh installs).
set -euo pipefail
binary="$(realpath "$1")" source_dir="$(realpath "$2")"

for daemon in slurmctld slurmd munged; do
  command -v "$daemon" >/dev/null || PATH="$PATH:/usr/sbin:/sbin" command -v "$daemon" >/dev/null ||
    { echo "skipped: no $daemon (apt-get install slurm-wlm munge)"; exit 77; }
done
export PATH="$PATH:/usr/sbin:/sbin"
for tool in sbatch sinfo scancel h5dump h5ls python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is needed (slurm-client, hdf5-tools, python3)"; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/attachsim-slurm.XXXXXX")"
chmod 0700 "$work"
mkdir -p "$work/log" "$work/spool" "$work/state" "$work/munge" "$work/out"
: >"$work/pids"   # the daemons' pids, in start order
: >"$work/names"  # "NAME PID" lines
export SLURM_CONF="$work/slurm.conf"

dump_logs() {
  local f
  for f in "$work"/log/*.log "$work"/log/slurm-*.out "$work"/log/*.console; do
    [[ -s "$f" ]] || continue
    echo "---- ${f##*/} (last 30 lines)"
    tail -n 30 "$f"
  done
}
# A pid is ours while its command line names $work: a recycled pid (or a zombie) never is.
# (No pipe with grep -q here: under pipefail, tr's SIGPIPE would make a live daemon look dead.)
ours() {
  local cmdline
  cmdline="$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline")" || return 1
  [[ "$cmdline" == *"$work"* ]]
}
# Cancel our jobs (SLURM_CONF names our cluster only) so no slurmstepd outlives the daemons, stop
# the daemons newest first (slurmd, slurmctld, munged), SIGKILL what is left after 5 s, remove $work.
stop_all() {
  local pid i
  local -a started=()
  mapfile -t started < <(tac "$work/pids" 2>/dev/null)
  if ((${#started[@]})); then
    timeout 10 scancel --quiet --full --user="$(id -un)" >/dev/null 2>&1 || true
    for pid in "${started[@]}"; do ours "$pid" && kill -TERM "$pid" 2>/dev/null; done
    for pid in "${started[@]}"; do
      for ((i = 0; i < 50; i++)); do ours "$pid" || break; sleep 0.1; done
      ours "$pid" && kill -KILL "$pid" 2>/dev/null
    done
  fi
  rm -rf "$work"
}
# If this script is SIGKILLed (a CTest timeout kills only the test's own process), the watcher,
# which outlives it, still stops the daemons and removes $work.
(
  trap - EXIT
  trap '' INT
  while kill -0 $$ 2>/dev/null; do sleep 1; done
  stop_all
) </dev/null >/dev/null 2>&1 &
watcher=$!
sbatch_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  ((rc == 0)) || dump_logs >&2 || true
  kill "$watcher" 2>/dev/null || true
  [[ -z "$sbatch_pid" ]] || kill "$sbatch_pid" 2>/dev/null || true
  stop_all
  wait 2>/dev/null || true   # reap the daemons
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() { echo "error: $*" >&2; exit 1; }
alive() {   # every daemon started so far still runs
  local name pid
  while read -r name pid; do ours "$pid" || fail "$name exited early"; done <"$work/names"
}
start() {   # start NAME COMMAND...: in the background, remembered for the cleanup
  local name="$1"
  shift
  "$@" >"$work/log/$name.console" 2>&1 </dev/null &   # -D daemons also log to stderr
  local pid=$! i
  echo "$pid" >>"$work/pids"
  echo "$name $pid" >>"$work/names"
  # Until it execs, the child is a copy of this shell, whose command line does not name $work.
  for ((i = 0; i < 100; i++)); do ours "$pid" && return 0; kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  ours "$pid" || fail "$name did not start"
}

# --- munge: a fresh key, a private socket. munged wants its key 0400 and owned by its user.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$work/munge/munge.key"
chmod 0700 "$work/munge"
socket="$work/munge/munge.socket"
start munged munged --foreground --force --key-file="$work/munge/munge.key" --socket="$socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" --seed-file="$work/munge/munged.seed"
for ((i = 0; i < 100; i++)); do [[ -S "$socket" ]] && break; alive; sleep 0.1; done
[[ -S "$socket" ]] || fail "munged did not create $socket"

# --- slurm.conf for this host, as `slurmd -C` sees it.
node_line="$(slurmd -C | head -n1)"
node="$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' <<<"$node_line")"
cpus="$(grep -o 'CPUs=[0-9]*' <<<"$node_line" | cut -d= -f2)"
memory="$(grep -o 'RealMemory=[0-9]*' <<<"$node_line" | cut -d= -f2)"
[[ -n "$node" && -n "$cpus" && -n "$memory" ]] || fail "cannot read 'slurmd -C': $node_line"
read -r ctld_port slurmd_port < <(python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("", 0))
print(*(s.getsockname()[1] for s in socks))
PY
)
cluster="attachsim$$"
cat >"$SLURM_CONF" <<CONF
ClusterName=$cluster
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$work/plugstack.conf
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
: >"$work/plugstack.conf"   # not /etc/slurm's: no site SPANK plugins

start slurmctld slurmctld -D -i -f "$SLURM_CONF"
start slurmd slurmd -D -f "$SLURM_CONF" -N "$node"

state=""
for ((i = 0; i < 600; i++)); do   # up to 60 s
  alive
  state="$(sinfo -h -n "$node" -o %t 2>/dev/null || true)"
  [[ "$state" == idle ]] && break
  sleep 0.1
done
[[ "$state" == idle ]] || fail "node $node is '$state', not idle, after 60 s"
echo "slurm up: node $node ($cpus CPUs), ports $ctld_port/$slurmd_port, after $((SECONDS))s"

# --- the sweep: 3 x 2 points, 1 replicate = 6 runs over 4 shards (two shards get 2 runs, two get 1).
cat >"$work/sweep.yaml" <<YAML
base: $source_dir/configs/normative.yaml
set:
  run.dyads: 100
seed: 11
replicates: 1
factors:
  - parameter: caregiver.sensitivity_mean
    range: [0.3, 0.9]
    levels: 3
  - parameter: caregiver.hostile_under_stress
    values: [0.1, 0.8]
outcomes: [ssp_12m_share_B, ssp_12m_share_D, sensitivity_12m_mean]
YAML

# The array script as a user submits it, with its knobs; one CPU per task so 2 tasks fit this node
# at a time (the script asks for 4). --wait returns the highest exit code of the array's tasks.
# sbatch runs in the background so that a SIGTERM or Ctrl-C reaches the cleanup at once.
t0=$SECONDS
SWEEP="$work/sweep.yaml" OUT="$work/out/sweep" ATTACHSIM="$binary" \
  sbatch --wait --quiet --array=0-3 --cpus-per-task=1 --time=00:05:00 --chdir="$work" \
  --output="$work/log/slurm-%A_%a.out" --export=ALL \
  "$source_dir/scripts/slurm/sweep_array.sbatch" &
sbatch_pid=$!
rc=0
wait "$sbatch_pid" || rc=$?
sbatch_pid=""
((rc == 0)) || fail "the array job failed (sbatch --wait exit $rc)"
echo "array of 4 tasks done in $((SECONDS - t0))s"

meta() { h5dump -a "/meta/$2" "$1" | sed -n 's/.*(0): "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p'; }
shards=()
for i in 0 1 2 3; do
  f="$work/out/sweep.shard$i.h5"
  [[ -f "$f" ]] || fail "array task $i wrote no $f"
  [[ "$(meta "$f" shard)" == "$i/4" ]] || fail "$f has /meta/shard '$(meta "$f" shard)', not $i/4"
  shards+=("$f")
done
"$binary" merge "$work/merged.h5" "${shards[@]}"
"$binary" sweep "$work/sweep.yaml" -q --threads 1 -o "$work/local.h5"
[[ "$(meta "$work/merged.h5" runs)" == 6 ]] || fail "merged /meta/runs is '$(meta "$work/merged.h5" runs)', not 6"

# Every /points dataset, byte for byte.
mapfile -t columns < <(h5ls "$work/local.h5/points" | awk '{print $1}')
mapfile -t columns2 < <(h5ls "$work/merged.h5/points" | awk '{print $1}')
((${#columns[@]})) || fail "no /points columns in the local result"
[[ "${columns[*]}" == "${columns2[*]}" ]] || fail "columns differ: ${columns[*]} vs ${columns2[*]}"
for c in "${columns[@]}"; do
  h5dump -d "/points/$c" -b LE -o "$work/local.$c.bin" "$work/local.h5" >/dev/null
  h5dump -d "/points/$c" -b LE -o "$work/merged.$c.bin" "$work/merged.h5" >/dev/null
  cmp "$work/local.$c.bin" "$work/merged.$c.bin" || fail "/points/$c differs between the SLURM array and the local run"
done
echo "SLURM array of 4 shards, merged: ${#columns[@]} /points columns bitwise identical to the local sweep (${SECONDS}s)"
