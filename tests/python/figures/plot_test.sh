#!/usr/bin/env bash
# scripts/plot end to end, run by CTest (tests/python/figures/plot.cmake) from the repository root: a small
# run, a small run with three generations and preschool assessments, a small trial, small sweeps (one over a
# mechanism, one with a Saltelli design) and two runs side by side, made by the real binary, are plotted; every expected figure must exist as a real PNG of some size and as an SVG,
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

# 1. A small run with the monthly time series (24 months, one generation, no preschool assessment).
"$binary" run configs/normative.yaml --set run.dyads=300 --set run.timeseries=true -q -o "$tmp/run.h5"

# 2. Plot it.
plot "$tmp/run.h5" -o "$tmp/figs" --format png,svg
if ((rc != 0)); then
  cat "$tmp/out.txt" "$tmp/err.txt" >&2
  fail "scripts/plot exited $rc on a run with a time series"
fi

# 3. Every figure as a real PNG (signature bytes, more than a few KB) and an SVG, each listed as written.
png_magic="89504e470d0a1a0a"
# Checks that $1/$2.png exists, is a real PNG of more than a few KB, and is listed in $tmp/out.txt.
check_png() {
  local png="$1/$2.png" magic size
  if [[ ! -f "$png" ]]; then
    fail "$2.png was not written in $1"
    return
  fi
  magic="$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')"
  size="$(stat -c %s "$png")"
  if [[ "$magic" != "$png_magic" ]]; then
    fail "$2.png is not a PNG (it starts with $magic)"
  elif ((size < 20000)); then
    fail "$2.png is only $size bytes: an empty or broken figure?"
  else
    ok "$2.png is a PNG of $size bytes"
  fi
  grep -qxF "$png" "$tmp/out.txt" || fail "$png is not in the list of files written"
}

# Checks that $1/$2.svg exists, is an SVG, and is listed in $tmp/out.txt.
check_svg() {
  local svg="$1/$2.svg"
  if [[ -s "$svg" ]] && grep -q '<svg' "$svg"; then
    ok "$2.svg written"
  else
    fail "$2.svg is missing or not an SVG"
  fi
  grep -qxF "$svg" "$tmp/out.txt" || fail "$svg is not in the list of files written"
}

for name in attachment_classes working_models sensitivity_security risk transmission; do
  check_png "$tmp/figs" "$name"
  check_svg "$tmp/figs" "$name"
done

# 3b. One generation and no /childhood: no infant_to_adult, childhood_outcomes or protective_factor, each
#     skipped with a note saying what the run lacks (not a crash).
for name in infant_to_adult childhood_outcomes protective_factor; do
  [[ ! -e "$tmp/figs/$name.png" ]] || fail "$name.png drawn for a run without generations or preschool assessments"
  if grep -qE "^plot: note: $name: skipped: " "$tmp/err.txt"; then
    ok "$name skipped: $(grep -E "^plot: note: $name: " "$tmp/err.txt" | head -1 | cut -c1-110)..."
  else
    fail "no note saying why $name was skipped: $(cat "$tmp/err.txt")"
  fi
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

# 6. A small trial (the Juffer trial: 60 enrolled, two arms) with 2 replicates: arms, moderators, cost, power.
"$binary" trial configs/trials/juffer_video_feedback_adoptive.yaml --replicates 2 -q -o "$tmp/trial.h5"
plot "$tmp/trial.h5" -o "$tmp/figs-trial" --format png,svg
if ((rc != 0)); then
  cat "$tmp/out.txt" "$tmp/err.txt" >&2
  fail "scripts/plot exited $rc on a trial file"
else
  for name in trial_arms trial_moderators trial_cost trial_power; do
    check_png "$tmp/figs-trial" "$name"
    [[ -s "$tmp/figs-trial/$name.svg" ]] || fail "$name.svg was not written"
  done
fi

# 6b. A small priced trial (a preschool follow-up, the shipped economics file): trial_economics.
cat >"$tmp/priced.yaml" <<YAML
trial:
  name: priced
  population: $PWD/configs/populations/normative.yaml
  set: {development.span_months: 42}
  screened: 60
  enrolled: 60
  seed: 3
  follow_up:
    - {age_months: 42, instruments: [preschool]}
  arms:
    - {name: control, allocation: 0.5}
    - {name: program, allocation: 0.5, program: {type: sensitivity, start_months: 6, end_months: 9}}
  economics: $PWD/configs/economics/us_2010.yaml
YAML
"$binary" trial "$tmp/priced.yaml" --replicates 2 -q -o "$tmp/priced.h5"
plot "$tmp/priced.h5" -o "$tmp/figs-priced" --format png
if ((rc != 0)); then
  cat "$tmp/out.txt" "$tmp/err.txt" >&2
  fail "scripts/plot exited $rc on a priced trial file"
else
  check_png "$tmp/figs-priced" trial_economics
  grep -qF "benefits are projected" "$tmp/err.txt" || fail "no note that the benefits are projected: $(cat "$tmp/err.txt")"
fi

# 7. A small sweep (2 factors x 2 levels, 2 replicates of 50 dyads): the heat map, and --outcome.
cat >"$tmp/sweep.yaml" <<YAML
base: $PWD/configs/normative.yaml
set:
  run.dyads: 50
seed: 7
replicates: 2
factors:
  - parameter: caregiver.sensitivity_mean
    values: [0.4, 0.8]
  - parameter: caregiver.hostile_under_stress
    values: [0.0, 0.7]
outcomes: [ssp_12m_share_B, ssp_12m_share_D, ssp_12m_security_mean]
YAML
"$binary" sweep "$tmp/sweep.yaml" -o "$tmp/sweep.h5" --quiet
plot "$tmp/sweep.h5" -o "$tmp/figs-sweep" --format png,svg
if ((rc != 0)); then
  cat "$tmp/out.txt" "$tmp/err.txt" >&2
  fail "scripts/plot exited $rc on a sweep file"
else
  check_png "$tmp/figs-sweep" sweep_heatmap
  [[ -s "$tmp/figs-sweep/sweep_heatmap.svg" ]] || fail "sweep_heatmap.svg was not written"
fi
plot "$tmp/sweep.h5" -o "$tmp/figs-sweep-d" --format png --outcome ssp_12m_share_D
if ((rc != 0)); then
  fail "scripts/plot --outcome ssp_12m_share_D exited $rc on a sweep file: $(cat "$tmp/err.txt")"
else
  check_png "$tmp/figs-sweep-d" sweep_heatmap
fi
plot "$tmp/sweep.h5" -o "$tmp/figs-sweep-bad" --format png --outcome no_such_outcome
if ((rc != 2)); then
  fail "an unknown --outcome gave exit $rc, not 2"
else
  ok "unknown --outcome: exit 2, $(cat "$tmp/err.txt")"
fi

# 8. Three generations with a preschool assessment at 54 months (configs/generations.yaml, 300 lineages):
#    the transmission tables per generation, infant to adult, and the childhood figures, as PNG and SVG.
"$binary" run configs/generations.yaml --set run.dyads=300 -q -o "$tmp/gen.h5"
plot "$tmp/gen.h5" -o "$tmp/figs-gen" --format png,svg
if ((rc != 0)); then
  cat "$tmp/out.txt" "$tmp/err.txt" >&2
  fail "scripts/plot exited $rc on a run with generations"
else
  for name in transmission infant_to_adult childhood_outcomes protective_factor; do
    check_png "$tmp/figs-gen" "$name"
    check_svg "$tmp/figs-gen" "$name"
  done
  # The run's own figures are still drawn alongside.
  for name in attachment_classes sensitivity_security risk; do
    [[ -f "$tmp/figs-gen/$name.png" ]] || fail "$name.png was not written for a run with generations"
  done
  if grep -qE "Error|Traceback|Warning" "$tmp/err.txt"; then
    fail "scripts/plot printed an error or warning on a run with generations: $(cat "$tmp/err.txt")"
  fi
fi

# 9. A sweep over a mechanism (a factor of names: learning.rule) draws its heat map with the names on
#    the axis (it used to stop at "could not convert string to float").
cat >"$tmp/mechanism.yaml" <<YAML
base: $PWD/configs/normative.yaml
set:
  run.dyads: 40
seed: 7
factors:
  - parameter: learning.rule
    values: [reinforcement, bayesian]
  - parameter: caregiver.sensitivity_mean
    values: [0.4, 0.8]
outcomes: [ssp_12m_share_B]
YAML
"$binary" sweep "$tmp/mechanism.yaml" -o "$tmp/mechanism.h5" --quiet
plot "$tmp/mechanism.h5" -o "$tmp/figs-mechanism" --format png
if ((rc != 0)); then
  fail "scripts/plot exited $rc on a sweep over a mechanism: $(cat "$tmp/err.txt")"
else
  check_png "$tmp/figs-mechanism" sweep_heatmap
fi

# 10. A Saltelli sweep: the heat map and the Sobol indices.
sed -e 's/    values: \[reinforcement, bayesian\]/    range: [0.0, 1.0]\n    sampling: saltelli\n    points: 8/' \
    -e 's/learning.rule/caregiver.hostile_under_stress/' \
    -e 's/    values: \[0.4, 0.8\]/    range: [0.3, 0.9]\n    sampling: saltelli\n    points: 8/' \
    "$tmp/mechanism.yaml" >"$tmp/saltelli.yaml"
"$binary" sweep "$tmp/saltelli.yaml" -o "$tmp/saltelli.h5" --quiet
plot "$tmp/saltelli.h5" -o "$tmp/figs-saltelli" --format png
if ((rc != 0)); then
  fail "scripts/plot exited $rc on a Saltelli sweep: $(cat "$tmp/err.txt")"
else
  check_png "$tmp/figs-saltelli" sweep_sobol
fi

# 11. Two runs side by side (the second with another learning rule, same seed: paired).
"$binary" run configs/normative.yaml --set run.dyads=300 --set learning.rule=bayesian -q -o "$tmp/bayes.h5"
plot "$tmp/plain.h5" "$tmp/bayes.h5" -o "$tmp/figs-pair" --format png
if ((rc != 0)); then
  fail "scripts/plot A.h5 B.h5 exited $rc: $(cat "$tmp/err.txt")"
else
  check_png "$tmp/figs-pair" compare_classes
  check_png "$tmp/figs-pair" compare_outcomes
fi
plot "$tmp/plain.h5" "$tmp/trial.h5" -o "$tmp/figs-bad-pair" --format png
((rc == 2)) && ok "a run beside a trial file: exit 2, $(cat "$tmp/err.txt")" || fail "a run beside a trial gave exit $rc, not 2"

# 12. Three runs side by side (the cultures guide's use): each run's class shares.
plot "$tmp/plain.h5" "$tmp/bayes.h5" "$tmp/plain.h5" -o "$tmp/figs-three" --format png
if ((rc != 0)); then
  fail "scripts/plot A.h5 B.h5 C.h5 exited $rc: $(cat "$tmp/err.txt")"
else
  check_png "$tmp/figs-three" classes_of_runs
fi
plot "$tmp/plain.h5" "$tmp/bayes.h5" "$tmp/trial.h5" -o "$tmp/figs-bad-three" --format png
((rc == 2)) && ok "three files with a trial among them: exit 2, $(cat "$tmp/err.txt")" || fail "three files with a trial gave exit $rc, not 2"

# 13. --outcome with several files (it was ignored), and a damaged file (a changed byte in a chunk of
#     /dyads, found by its checksum when read): exit 2, one line, no traceback, no figure left behind.
plot "$tmp/plain.h5" "$tmp/bayes.h5" --outcome ssp_12m_share_B -o "$tmp/figs-outcome" --format png
((rc == 2)) && grep -q "give one sweep file" "$tmp/err.txt" && ok "--outcome with two files: exit 2" ||
  fail "--outcome with two files gave exit $rc: $(cat "$tmp/err.txt")"
cp "$tmp/plain.h5" "$tmp/damaged.h5"
python="$(source scripts/lib/setup.sh && find_python)"
"$python" - "$tmp/damaged.h5" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    chunk = f["dyads/ssp_12m_class"].id.get_chunk_info(0)
data = bytearray(open(sys.argv[1], "rb").read())
data[chunk.byte_offset + chunk.size // 2] ^= 0xFF
open(sys.argv[1], "wb").write(bytes(data))
PY
plot "$tmp/damaged.h5" -o "$tmp/figs-damaged" --format png
if ((rc == 2)) && grep -q "damaged.h5: cannot be read" "$tmp/err.txt" && ! grep -q Traceback "$tmp/err.txt" &&
   [[ -z "$(find "$tmp/figs-damaged" -name '*.partial' 2>/dev/null)" ]]; then
  ok "a damaged file: exit 2, $(head -c 120 "$tmp/err.txt")"
else
  fail "a damaged file gave exit $rc: $(cat "$tmp/err.txt")"
fi

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all plot checks passed"
