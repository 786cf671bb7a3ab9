"""`scripts/calibrate` (python3 -m attachsim calibrate): runs attachsim on the normative, high-risk and
mixed populations (configs/populations/) and on configs/generations.yaml, compares the results with
the published targets, prints the table and writes it, with the runs, to results/calibration/."""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shlex
import subprocess
import sys

from .. import _paths
from .._console import tolerant_stdout
from .._output_file import write_atomically
from . import known_misses
from .infancy import ssp_age_from_targets
from .population import load_population
from .rows import Row, format_markdown, format_text
from .targets import CalibrationError, read_targets
from . import compute_rows


REPO = _paths.data_root()

# name -> (default config relative to the repository, command-line option, heading)
POPULATIONS = {
    "normative": ("configs/populations/normative.yaml", "--normative", "normative"),
    "high_risk": ("configs/populations/high_risk.yaml", "--high-risk", "high risk"),
    "mixed": ("configs/populations/mixed.yaml", "--mixed", "mixed"),
    "generations": ("configs/generations.yaml", "--generations", "generations"),
}


# --------------------------------------------------------------------------------------------------
# Running the binary
# --------------------------------------------------------------------------------------------------

def _display(path: str) -> str:
    """A path relative to the repository when it lies inside it (readable provenance), else absolute."""
    path = os.path.abspath(path)
    rel = os.path.relpath(path, REPO)
    return path if rel.startswith("..") else rel


def resolve_binary(explicit: str | None) -> str:
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise CalibrationError(f"--binary {explicit}: no executable there")
        return os.path.abspath(explicit)
    env = os.environ.get("ATTACHSIM_BINARY")
    if env:
        if not (os.path.isfile(env) and os.access(env, os.X_OK)):
            raise CalibrationError(f"ATTACHSIM_BINARY={env}: no executable there")
        return os.path.abspath(env)
    binary = _paths.binary()
    if binary and os.path.isfile(binary) and os.access(binary, os.X_OK):
        return binary
    if binary is None or _paths.source_root() is None:
        raise CalibrationError("no attachsim binary found: pass --binary or set ATTACHSIM_BINARY")
    print(f"==> {binary} does not exist: building it as scripts/demo does", file=sys.stderr, flush=True)
    script = ('set -euo pipefail; source "$1"; ensure_packages build python; '
              'configure_and_build "$BUILD_DIR" --target attachsim')
    rc = subprocess.call(["bash", "-c", script, "calibrate", os.path.join(REPO, "scripts", "lib", "setup.sh")])
    if rc != 0 or not os.access(binary, os.X_OK):
        raise CalibrationError(f"could not build {binary} (exit {rc}); see the build output above, or pass --binary")
    return binary


def run_population(binary: str, config: str, output: str, seed: int, dyads: int, threads: int | None,
                   overrides: list[str]) -> None:
    cmd = [binary, "run", _display(config), "-o", output, "--seed", str(seed), "--quiet",
           "--set", f"run.dyads={dyads}"]
    if threads:
        cmd += ["--threads", str(threads)]
    for o in overrides:
        cmd += ["--set", o]
    print(f"==> {' '.join(shlex.quote(c) for c in cmd)}", file=sys.stderr, flush=True)
    try:
        proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise CalibrationError(f"cannot run {binary}: {e.strerror}") from None
    if proc.returncode != 0:
        what = {2: "bad input", 1: "internal error"}.get(proc.returncode, "")
        msg = f"the run of {_display(config)} failed (exit {proc.returncode}{', ' + what if what else ''})"
        detail = (proc.stderr.strip() or proc.stdout.strip() or "(no output)")
        raise CalibrationError(f"{msg}:\n  $ {' '.join(shlex.quote(c) for c in cmd)}\n"
                               + "\n".join("  | " + line for line in detail.splitlines()))


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=os.environ.get("ATTACHSIM_PROG", "python3 -m attachsim calibrate"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run attachsim on the normative, high-risk and mixed populations and compare the results "
                    "with the published targets in configs/calibration/targets.yaml.",
        epilog="Writes DIR/normative.h5, DIR/high_risk.h5, DIR/mixed.h5, DIR/generations.h5 and DIR/calibration.md.\n"
               "--dyads counts lineages for the generations run (each of run.generations dyads).\n"
               "Exit codes: 0 the report was made (whatever it says, unless --test); 1 --test and a row\n"
               "failed; 2 the calibration could not be made (bad option, missing binary, config or column,\n"
               "a failed run).\n\n"
               "Before configs/populations/ exists, stand in with e.g.\n"
               "  scripts/calibrate --normative configs/normative.yaml --high-risk configs/normative.yaml \\\n"
               "    --mixed configs/normative.yaml --set high_risk:risk.high_risk_share=1")
    p.add_argument("--dyads", type=int, default=20000, metavar="N", help="dyads per population (default 20000)")
    p.add_argument("--seed", type=int, default=20261128, metavar="S", help="master seed of every run (default 20261128)")
    p.add_argument("--threads", type=int, default=None, metavar="T", help="worker threads (default: all cores)")
    p.add_argument("--out", default=None, metavar="DIR", help="output directory (default results/calibration in the repository)")
    p.add_argument("--test", action="store_true",
                   help="CTest mode: widen each tolerance by 1.96 x the standard error of the estimate at this "
                        "sample size and exit 1 if any row fails")
    p.add_argument("--known-miss", dest="known_misses", action="append", default=[], metavar="TEXT",
                   help="a target (matched as a substring of its name) the model is known to miss: reported as "
                        "'MISS (known)' and not failing --test; repeatable. Without it, the targets docs/calibration.md "
                        "marks MISS (known) are the known misses, so this table and the docs agree")
    p.add_argument("--binary", default=None, metavar="PATH",
                   help="attachsim to run (default: $ATTACHSIM_BINARY, else build/attachsim, built if missing)")
    p.add_argument("--targets", default=os.path.join(REPO, "configs", "calibration", "targets.yaml"), metavar="FILE",
                   help="targets file (default configs/calibration/targets.yaml)")
    p.add_argument("--development-targets", default=os.path.join(REPO, "configs", "calibration", "development_targets.yaml"),
                   metavar="FILE", help="targets of later development and the next generation, compared with the "
                                        "generations run (default configs/calibration/development_targets.yaml)")
    for name, (default, option, heading) in POPULATIONS.items():
        p.add_argument(option, dest=f"config_{name}", default=None, metavar="CONFIG",
                       help=f"config of the {heading} population (default {default})")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="[POP:]KEY=VALUE",
                   help="pass --set KEY=VALUE to every run, or only to population POP "
                        f"({', '.join(POPULATIONS)}); repeatable")
    return p


def main(argv: list[str] | None = None) -> int:
    tolerant_stdout()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.dyads < 1:
        parser.error("--dyads must be at least 1")
    if args.threads is not None and args.threads < 1:
        parser.error("--threads must be at least 1")
    overrides = {name: [] for name in POPULATIONS}
    for o in args.overrides:
        if o.split(":")[-1].split("=")[0].strip() in ("run.dyads", "run.seed"):
            parser.error(f"--set {o}: the table's header states --dyads and --seed; give those instead")
        pop, sep, rest = o.partition(":")
        if sep and pop in POPULATIONS:
            overrides[pop].append(rest)
        elif sep and re.fullmatch(r"[A-Za-z_-]+", pop) and "=" not in pop:
            parser.error(f"--set {o}: unknown population {pop!r} (one of {', '.join(POPULATIONS)})")
        else:
            for lst in overrides.values():
                lst.append(o)
    try:
        return _calibrate(args, overrides)
    except CalibrationError as e:
        print(f"calibrate: error: {e}", file=sys.stderr)
        return 2


def _calibrate(args, overrides: dict) -> int:
    targets = read_targets(args.targets)
    development_targets = read_targets(args.development_targets)
    ssp_age_from_targets(targets)   # fail on a malformed targets file before any simulation
    configs = {}
    for name, (default, option, _) in POPULATIONS.items():
        given = getattr(args, f"config_{name}")
        path = os.path.abspath(given) if given else os.path.join(REPO, default)
        if not os.path.isfile(path):
            raise CalibrationError(f"the {name} config {_display(path)} does not exist "
                                   f"(give another with {option} CONFIG)")
        configs[name] = path
    binary = resolve_binary(args.binary)
    out = os.path.abspath(args.out) if args.out else os.path.join(REPO, "results", "calibration")
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as e:
        raise CalibrationError(f"cannot create the output directory {out}: {e.strerror}") from None
    if os.path.isdir(os.path.join(out, "calibration.md")):  # found now, not after every run
        raise CalibrationError(f"{_display(os.path.join(out, 'calibration.md'))}: expected a file path for the table, "
                               "found a directory")

    pops = {}
    stamp = _stamp(binary)
    for name in POPULATIONS:
        output = os.path.join(out, f"{name}.h5")
        run_population(binary, configs[name], output, args.seed, args.dyads, args.threads, overrides[name])
        pops[name] = load_population(output, name)
    if _stamp(binary) != stamp:
        print(f"calibrate: warning: {binary} changed while the populations ran (rebuilt?): they may come from "
              "different builds; run again", file=sys.stderr)
    rows = compute_rows(targets, pops, test_mode=args.test, development_targets=development_targets)
    if args.known_misses:
        is_known = lambda target: any(k in target for k in args.known_misses)   # noqa: E731
    else:
        documented = set(known_misses.from_docs())
        is_known = lambda target: target in documented   # noqa: E731
    known = [r for r in rows if not r.passed and is_known(r.target)]
    for r in known:
        r.known_miss = True

    header = _header(args, configs, overrides, pops, rows)
    print("\n".join(header))
    print()
    print(format_text(rows))
    failed = [r for r in rows if not r.passed and r not in known]
    met = len(rows) - len(failed) - len(known)
    verdict = f"{met} of {len(rows)} targets met"
    print()
    print(verdict + (f"; failed: {', '.join(r.target for r in failed)}" if failed else "") +
          (f"; known misses: {', '.join(r.target for r in known)}" if known else ""))
    for k in args.known_misses:  # a known miss that is met should leave the list
        if not any(k in r.target for r in rows if not r.passed):
            print(f"calibrate: note: --known-miss '{k}' is met now (or matches no target): drop it")

    md_path = os.path.join(out, "calibration.md")

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8") as f:
            f.write("# Calibration\n\n")
            f.write("\n".join(f"{line}  " if line else line for line in header) + "\n\n")
            f.write(format_markdown(rows) + "\n\n")
            f.write(verdict + ".\n\nSources (from targets.yaml and development_targets.yaml):\n\n")
            for key, src in list(_sources(targets)) + list(_sources(development_targets)):
                f.write(f"- {key}: {src}\n")
    try:
        write_atomically(md_path, write)
    except OSError as e:
        raise CalibrationError(f"cannot write {_display(md_path)}: {e.strerror or e}") from None
    print(f"written: {_display(md_path)}")
    if args.test and failed:
        print(f"calibrate --test: {len(failed)} of {len(rows)} rows failed", file=sys.stderr)
        return 1
    return 0


def _stamp(path: str) -> tuple:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _header(args, configs: dict, overrides: dict, pops: dict, rows: list[Row]) -> list[str]:
    meta = pops["normative"].meta
    lines = [
        f"attachsim {meta.get('attachsim_version', '?')} ({meta.get('git_commit', '?')}), "
        f"seed {args.seed}, {args.dyads} dyads per population, "
        f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"targets: {_display(args.targets)}",
    ]
    for name, (_, _, heading) in POPULATIONS.items():
        extra = "".join(f" --set {o}" for o in overrides[name])
        n = pops[name].n
        per = n // args.dyads if args.dyads and n % args.dyads == 0 else 1
        size = f"n = {n}" + (f" ({args.dyads} lineages x {per} generations)" if per > 1 else "")
        lines.append(f"{heading}: {size}, {_display(configs[name])}{extra} "
                     f"(config_sha1 {str(pops[name].meta.get('config_sha1', '?'))[:12]})")
    lines.append("intervals are 95%: Wilson for shares, Fisher z for r, t for the prevalence, SE(ln OR)·√3/π for d")
    lines.append("known misses: " + ("those named with --known-miss" if args.known_misses else
                                     "those docs/calibration.md marks MISS (known), which explains each"))
    if args.test:
        lines.append("TEST MODE: each tolerance is widened by 1.96 × the standard error of the estimate at this "
                     "sample size (shares sqrt(p(1-p)/n), r (1-r²)/sqrt(n-3), d SE(ln OR)·√3/π, prevalence SD/sqrt(n)), "
                     "because the published tolerances are for ≥ 20,000 dyads")
    elif args.dyads < 20000:
        lines.append(f"note: the tolerances are for ≥ 20,000 dyads; at {args.dyads} sampling error adds to them "
                     "(see --test)")
    return lines


def _sources(targets: dict, prefix: str = ""):
    for key, value in targets.items():
        if isinstance(value, dict):
            if isinstance(value.get("source"), str):
                yield f"{prefix}{key}", value["source"]
            yield from _sources({k: v for k, v in value.items() if k != "source"}, f"{prefix}{key}.")
