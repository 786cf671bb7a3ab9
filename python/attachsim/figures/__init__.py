"""Figures from attachsim output files, by kind of file (attachsim.figures.run, .generations, .trial,
.sweep, .comparison): scripts/plot RESULT.h5 [B.h5] [-o DIR] [--format png,svg]. The file says what it
is, and the figures that fit it are drawn (matplotlib, Agg backend: no display needed):

  run file (/dyads)         attachment_classes   A/B/C/D shares at each Strange Situation age, with 95%
                                                 Wilson intervals
                            working_models       monthly working model (expected availability to a
                                                 plain bid) and bid policies of sample infants and
                                                 class means; needs /timeseries (run with
                                                 --set run.timeseries=true)
                            sensitivity_security observed sensitivity against continuous security,
                                                 Pearson r and least-squares line
                            risk                 class shares by cumulative risk (risk_count 0-1, 2-4, 5+)
                            transmission         caregiver AAI (F/Ds/E/U) by infant class (B/A/C/D) as row
                                                 shares, one table per generation, with secure/insecure
                                                 agreement, kappa and the share through sensitivity
                                                 (/generations/by_generation); with several generations
                                                 also these by generation; needs /generations/transmission
                            infant_to_adult      infant class at the first Strange Situation by the same
                                                 person's adult AAI, row shares, agreement and kappa, the
                                                 stability account in the subtitle; needs
                                                 /generations/adult_aai (run.generations > 1 or
                                                 adulthood.follow: true)
                            childhood_outcomes   preschool social competence, empathy, externalizing and
                                                 internalizing: means with 95% intervals by infant class;
                                                 needs /childhood (preschool.ages_months)
                            protective_factor    social competence by cumulative risk for children secure
                                                 and insecure as infants; needs /childhood
  trial file (/trial)       trial_arms           secure/disorganized shares and security/sensitivity
                                                 means per arm and follow-up, ITT, 95% intervals
                            trial_moderators     forest plot of the mean individual effect (twins) on
                                                 secure at the last follow-up, by moderator level
                            trial_cost           cost per additional secure child and NNT per arm and
                                                 follow-up (marked undefined where the gain is not
                                                 positive)
                            trial_power          mean difference with its 2.5-97.5% range and power per
                                                 outcome; only with more than one replicate
                            trial_economics      program cost against projected savings per link, and
                                                 the benefit-cost ratio; only with an economics file
  sweep file (/points)      sweep_heatmap        an outcome (--outcome NAME; default the first with
                                                 'share_B' in its name) averaged over replicates, over
                                                 the first two factors: a grid heat map, a scatter for
                                                 sampled designs, a line plot for one factor; a
                                                 factor of names (a mechanism) on an axis of its names
                            sweep_sobol          first-order and total Sobol indices of each outcome with
                                                 bootstrap intervals; Saltelli designs only
  two run files A and B     compare_classes      the classes of A and B side by side, and B - A with its
                                                 interval (paired when they share seed and dyads)
                            compare_outcomes     B - A of each outcome in SDs of A, with intervals
  three or more run files   classes_of_runs      each run's class shares side by side, with intervals
  other attachsim files     no plots yet (exit 0)

Each figure is written once per format as DIR/<name>.<format>; the paths written are printed one per
line on stdout, notes about figures skipped go to stderr. Exit codes: 0 done (including "no plots
yet"), 2 bad input (missing or non-HDF5 file, bad option, unwritable directory, unreadable run).

Importing draws nothing (h5py and matplotlib are imported when used):

    from attachsim import figures
    written, notes = figures.plot_file("results/normative.h5", "/tmp/figs", ["png"])
"""

from __future__ import annotations

import argparse
import os
import sys

from .._console import tolerant_stdout
from .frame import DEFAULT_FORMATS, FORMATS, NoPlots, PlotError
from .run import Run, plot_attachment_classes, plot_risk, plot_sensitivity_security, plot_working_models
from .generations import (
    plot_childhood_outcomes, plot_infant_to_adult, plot_protective_factor, plot_transmission)
from .trial import TRIAL_PLOTTERS, Trial
from .sweep import Sweep, plot_sweep_heatmap, plot_sweep_sobol


# --------------------------------------------------------------------------------------------------
# What kind of file, and the command line
# --------------------------------------------------------------------------------------------------

def open_result(path: str):
    """Opens an HDF5 file for reading, or raises PlotError naming the file."""
    from ..result import check_readable
    check_readable(path, PlotError)
    import h5py
    try:
        return h5py.File(path, "r")
    except OSError as e:
        raise PlotError(f"{path}: cannot be read as HDF5: {e}") from None


def kind_of(f) -> str:
    if "dyads" in f:
        return "run"
    if "points" in f:
        return "sweep"
    if "trial" in f:
        return "trial"
    return "other"


PLOTTERS = (plot_attachment_classes, plot_working_models, plot_sensitivity_security, plot_risk, plot_transmission,
            plot_infant_to_adult, plot_childhood_outcomes, plot_protective_factor)


def _make_dir(out_dir: str):
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as e:
        raise PlotError(f"cannot create the output directory {out_dir}: {e.strerror or e}") from None


def plot_file(path: str, out_dir: str, formats: list[str], outcome: str | None = None) -> tuple[list[str], list[str]]:
    """Draws every figure that fits the file. Returns (paths written, notes about figures skipped).
    A file with no plots yet raises NoPlots (its message is the one-line note for the user).
    `outcome` picks the outcome of a sweep's heat map (default: the first with 'share_B' in its name)."""
    with open_result(path) as f:
        kind = kind_of(f)
        written: list[str] = []
        notes: list[str] = []
        if outcome is not None and kind != "sweep":
            notes.append(f"--outcome {outcome} is ignored: it applies to sweep files (/points) only")
        if kind == "sweep":
            sweep = Sweep(path, f)
            if outcome is not None and outcome not in sweep.outcomes:
                raise PlotError(f"{path}: no outcome {outcome!r} in /points (outcomes: "
                                f"{', '.join(sweep.outcomes) or 'none'})")
            _make_dir(out_dir)
            plot_sweep_heatmap(sweep, out_dir, formats, written, notes, outcome)
            plot_sweep_sobol(sweep, out_dir, formats, written, notes, outcome)
            return written, notes
        if kind == "trial":
            trial = Trial(path, f)
            _make_dir(out_dir)
            for plotter in TRIAL_PLOTTERS:
                plotter(trial, out_dir, formats, written, notes)
            return written, notes
        if kind == "other":
            groups = sorted(f.keys())
            is_ours = "meta" in f and "attachsim_version" in f["meta"].attrs
            if not is_ours:
                raise PlotError(f"{path}: not an attachsim result (no /dyads, /points or /meta with attachsim_version; "
                                f"top-level: {', '.join(groups) or 'nothing'})")
            what = ", ".join("/" + g for g in groups)
            raise NoPlots(f"no plots yet for this kind of attachsim file ({what}): {path}")
        _make_dir(out_dir)
        run = Run(path, f)
        for plotter in PLOTTERS:
            plotter(run, out_dir, formats, written, notes)
        return written, notes


def _formats(text: str) -> list[str]:
    out = []
    for item in text.split(","):
        item = item.strip().lower().lstrip(".")
        if not item:
            continue
        if item not in FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format {item!r} (choose from {', '.join(FORMATS)})")
        if item not in out:
            out.append(item)
    if not out:
        raise argparse.ArgumentTypeError("no format given")
    return out


def _stem(path: str) -> str:
    stem = os.path.basename(path)
    return stem[:-3] if stem.endswith(".h5") else stem


def default_out_dir(path: str, other: str | None = None, more: int = 0) -> str:
    if more:
        name = f"{_stem(path)}-and-{more}-more"
    else:
        name = f"{_stem(path)}-vs-{_stem(other)}" if other else _stem(path)
    return os.path.join(os.path.dirname(os.path.abspath(path)), f"{name}-figures")


def plot_pair(path_a: str, path_b: str, out_dir: str, formats: list[str]) -> tuple[list[str], list[str]]:
    """Two run files side by side (compare_classes, compare_outcomes), from attachsim.compare."""
    from ..compare import compare
    from ..result import ResultError
    from .comparison import plot_comparison
    for path in (path_a, path_b):
        open_result(path).close()   # the same errors as for one file: missing, not HDF5
    try:
        c = compare(path_a, path_b)
    except ResultError as e:
        raise PlotError(str(e)) from None
    _make_dir(out_dir)
    return plot_comparison(c, out_dir, formats)


def plot_runs(paths: list[str], out_dir: str, formats: list[str]) -> tuple[list[str], list[str]]:
    """Three or more run files side by side (classes_of_runs)."""
    from ..result import ResultError, read
    from .comparison import plot_classes_of_runs
    results = []
    for path in paths:
        open_result(path).close()   # the same errors as for one file: missing, not HDF5
        try:
            r = read(path)
        except ResultError as e:
            raise PlotError(str(e)) from None
        if r.kind != "run":
            raise PlotError(f"{path} is a {r.kind} file: three or more files are compared as runs (with /dyads)")
        results.append(r)
    _make_dir(out_dir)
    return plot_classes_of_runs(results, out_dir, formats)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=os.environ.get("ATTACHSIM_PROG", "python3 -m attachsim plot"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Draw the figures that fit an attachsim output file (PNG and SVG by default).",
        epilog="For a run file (/dyads): attachment_classes, working_models (needs /timeseries: run with\n"
               "--set run.timeseries=true), sensitivity_security, risk, transmission (needs a Strange\n"
               "Situation), infant_to_adult (needs /generations/adult_aai: run.generations > 1 or\n"
               "adulthood.follow: true), childhood_outcomes and protective_factor (need /childhood:\n"
               "preschool.ages_months). For a trial file (/trial):\n"
               "trial_arms, trial_moderators, trial_cost, with more than one replicate trial_power, and with an\n"
               "economics file (/trial/economics) trial_economics.\n"
               "For a sweep file (/points): sweep_heatmap (--outcome picks the outcome) and, for a Saltelli\n"
               "design, sweep_sobol. Two run files A.h5 B.h5: compare_classes and compare_outcomes. Three or more\n"
               "run files: classes_of_runs (each run's class shares side by side). Other attachsim\n"
               "files have no plots yet (a one-line message, exit 0).\n"
               "Prints the files written, one per line. Exit codes: 0 done; 2 missing or unreadable file,\n"
               "not an HDF5 file, bad option or unwritable directory.")
    p.add_argument("result", metavar="RESULT.h5", help="an attachsim output file")
    p.add_argument("others", metavar="B.h5", nargs="*", default=[],
                   help="more run files: with one, draw RESULT.h5 (A) and B.h5 side by side with their differences; "
                        "with two or more, every run's class shares side by side")
    p.add_argument("-o", "--out", default=None, metavar="DIR",
                   help="directory for the figures, created if needed (default: RESULT-figures next to the file)")
    p.add_argument("--format", dest="formats", type=_formats, default=list(DEFAULT_FORMATS), metavar="LIST",
                   help=f"comma-separated formats among {', '.join(FORMATS)} (default {','.join(DEFAULT_FORMATS)})")
    p.add_argument("--outcome", default=None, metavar="NAME",
                   help="sweep files: the outcome of the heat map (default: the first whose name contains "
                        "'share_B', else the first outcome)")
    return p


def main(argv: list[str] | None = None) -> int:
    tolerant_stdout()
    args = _parser().parse_args(argv)
    others = args.others
    out_dir = args.out if args.out else default_out_dir(args.result, others[0] if len(others) == 1 else None,
                                                        len(others) if len(others) > 1 else 0)
    if others and args.outcome:
        print("plot: error: --outcome chooses a sweep file's heat map: give one sweep file", file=sys.stderr)
        return 2
    try:
        if len(others) > 1:
            written, notes = plot_runs([args.result, *others], out_dir, args.formats)
        elif others:
            written, notes = plot_pair(args.result, others[0], out_dir, args.formats)
        else:
            written, notes = plot_file(args.result, out_dir, args.formats, args.outcome)
    except PlotError as e:
        print(f"plot: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # a damaged block found while reading (HDF5 checks its checksums then)
        print(f"plot: error: {', '.join([args.result, *others])}: cannot be read ({e}): a damaged or truncated "
              "HDF5 file", file=sys.stderr)
        return 2
    except NoPlots as e:
        print(e)
        return 0
    for note in notes:
        print(f"plot: note: {note}", file=sys.stderr)
    if not written:
        print(f"plot: note: no figure fits {args.result}: nothing written", file=sys.stderr)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
