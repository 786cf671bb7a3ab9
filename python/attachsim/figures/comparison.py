"""Runs side by side. Two runs (scripts/plot A.h5 B.h5), from attachsim.compare:

  compare_classes   the A/B/C/D shares of each run at each Strange Situation age (95% Wilson intervals),
                    and beside them the difference B - A in percentage points with its interval (paired
                    when the runs share seed and dyads)
  compare_outcomes  the difference B - A of each mean outcome in units of A's standard deviation, with
                    its interval: one scale for outcomes measured on different scales

Three or more runs (scripts/plot A.h5 B.h5 C.h5 ...), for example the cultures of
docs/guide_cultures.md:

  classes_of_runs   the A/B/C/D shares of every run at each Strange Situation age that all of them have,
                    with 95% Wilson intervals (the runs are independent samples: no differences drawn)
"""

from __future__ import annotations

import math
import os

import numpy as np
from matplotlib.ticker import MaxNLocator

from .frame import (
    CLASSES, CLASS_COLOURS, CLASS_NAMES, GREY, MINUS, _figure, _percent_axis, _save, age_from_label,
    age_text)

A_COLOUR, B_COLOUR = "#777777", "#0072B2"


def _run_name(result, fallback: str) -> str:
    return os.path.basename(result.path) if result.path else fallback


def _source(c) -> str:
    return ("Source: A = " + _run_name(c.a, "A") + f" (seed {c.a.meta.get('seed', '?')}) · B = " + _run_name(c.b, "B")
            + f" (seed {c.b.meta.get('seed', '?')}) · attachsim {c.b.meta.get('attachsim_version', '?')} "
            f"({c.b.meta.get('git_commit', '?')})")


def _what_differs(c) -> str:
    differ = c.settings[c.settings["key"] != "run.seed"]
    if not len(differ):
        return "A and B have the same configuration."
    return "B differs from A in " + "; ".join(f"{k} ({a} → {b})" for k, a, b in differ.itertuples(index=False)) + "."


def _pooled(c) -> str:
    gens = c.a.config.get("run", {}).get("generations", 1)
    return f" All {gens} generations are pooled." if gens > 1 else ""


def _class_bars(ax, x, share, low, high, width: float, colour: str, label: str, capsize: float, elinewidth: float):
    """One run's class shares (percent) as bars with their interval."""
    ax.bar(x, share, width=width, color=colour, zorder=2, label=label)
    ax.errorbar(x, share, yerr=np.clip([share - low, high - share], 0, None), fmt="none", ecolor="black",
                elinewidth=elinewidth, capsize=capsize, zorder=3)


def _class_axis(ax, column: str, top: float):
    """The class axis of one Strange Situation age: classes below, percent up to above `top`."""
    ax.set_xticks(np.arange(len(CLASSES)), [f"{k}\n{CLASS_NAMES[k]}" for k in CLASSES])
    ax.tick_params(axis="x", length=0)
    ax.yaxis.grid(True, zorder=0)
    ax.set_axisbelow(True)
    _percent_axis(ax, min(100.0, math.ceil((top + 8) / 10) * 10))
    ax.set_ylabel("Share of infants (%)")
    ax.set_title(f"Strange Situation at {age_text(age_from_label(column[4:-6]))}")


def plot_compare_classes(c, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    columns = [col for col in dict.fromkeys(c.shares["column"]) if col.startswith("ssp_") and col.endswith("m_class")]
    if not columns:
        notes.append("compare_classes: skipped: neither run has a Strange Situation")
        return
    rows = len(columns)
    how = ("paired: the runs share seed and dyads, so each dyad is compared with itself" if c.paired
           else "independent samples (Newcombe intervals)")
    fig, body = _figure(
        (15, 4.6 * rows + 2.6),
        f"Attachment classes in A and B ({c.a.rows:,} and {c.b.rows:,} dyads)",
        f"{_what_differs(c)} Left: share of each class in A (grey) and B (blue) with 95% Wilson intervals. "
        f"Right: B − A in percentage points with its 95% interval, {how}.{_pooled(c)}",
        _source(c))
    axes = body.subplots(rows, 2, squeeze=False, gridspec_kw={"width_ratios": [1.5, 1]})
    for (left, right), col in zip(axes, columns):
        part = c.shares[c.shares["column"] == col].set_index("label").reindex(CLASSES)
        x = np.arange(len(CLASSES))
        for offset, which, colour in ((-0.2, "a", A_COLOUR), (0.2, "b", B_COLOUR)):
            _class_bars(left, x + offset, *(part[f"{kind}_{which}"].to_numpy() * 100 for kind in ("share", "low", "high")),
                        0.38, colour, which.upper(), capsize=5, elinewidth=1.4)
        _class_axis(left, col, float(np.nanmax(part[["high_a", "high_b"]].to_numpy())) * 100)
        left.legend(loc="upper right", ncols=2)
        diff = part["difference"].to_numpy() * 100
        lo, hi = part["low"].to_numpy() * 100, part["high"].to_numpy() * 100
        y = np.arange(len(CLASSES))[::-1]
        right.axvline(0, color=GREY, linewidth=1.2, zorder=1)
        right.errorbar(diff, y, xerr=np.clip([diff - lo, hi - diff], 0, None), fmt="none", ecolor="black",
                       elinewidth=1.6, capsize=6, zorder=2)
        right.scatter(diff, y, s=90, color=[CLASS_COLOURS[k] for k in CLASSES], zorder=3)
        right.set_yticks(y, list(CLASSES))
        right.set_xlabel("B − A (percentage points)")
        span = max(1.0, float(np.nanmax(np.abs(np.concatenate([lo, hi])))) * 1.15)
        right.set_xlim(-span, span)
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
        right.xaxis.set_major_formatter(lambda v, _: f"{v:+.0f}".replace("-", MINUS) if v else "0")
        right.xaxis.grid(True, zorder=0)
        changed = c.changed[c.changed["column"] == col]
        right.set_title(f"{changed['changed'].iloc[0] * 100:.0f}% of dyads changed class" if len(changed)
                        else "Difference B − A")
    _save(fig, out_dir, "compare_classes", formats, written)


def plot_compare_outcomes(c, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    means = c.means[np.isfinite(c.means["sd_a"]) & (c.means["sd_a"] > 0)]
    if not len(means):
        notes.append("compare_outcomes: skipped: no outcome with a spread in A")
        return
    sd = means["sd_a"].to_numpy()
    d, lo, hi = (means[k].to_numpy() / sd for k in ("difference", "low", "high"))
    names = list(means["column"])
    fig, body = _figure(
        (13, 1.0 + 0.62 * len(names) + 3.2),
        "Outcomes in B against A, in standard deviations of A",
        f"{_what_differs(c)} Each line: the difference of the means B − A divided by the standard deviation in A, with "
        f"its 95% interval ({'paired' if c.paired else 'Welch'}).{_pooled(c)}",
        _source(c))
    ax = body.subplots()
    y = np.arange(len(names))[::-1]
    ax.axvline(0, color=GREY, linewidth=1.2, zorder=1)
    ax.errorbar(d, y, xerr=np.clip([d - lo, hi - d], 0, None), fmt="o", color=B_COLOUR, ecolor="black",
                elinewidth=1.6, capsize=5, markersize=8, zorder=2)
    ax.set_yticks(y, names)
    ax.set_xlabel("B − A (standard deviations of A)")
    ax.xaxis.grid(True, zorder=0)
    _save(fig, out_dir, "compare_outcomes", formats, written)


def plot_comparison(c, out_dir: str, formats: list[str]) -> tuple[list[str], list[str]]:
    written: list[str] = []
    notes: list[str] = []
    plot_compare_classes(c, out_dir, formats, written, notes)
    plot_compare_outcomes(c, out_dir, formats, written, notes)
    return written, notes


RUN_COLOURS = ("#777777", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def plot_classes_of_runs(results, out_dir: str, formats: list[str]) -> tuple[list[str], list[str]]:
    """The class shares of three or more runs side by side (Results of run files, in the order given)."""
    from .. import statistics
    written: list[str] = []
    notes: list[str] = []
    frames = [r.dyads for r in results]
    columns = [c for c in frames[0].columns if c.startswith("ssp_") and c.endswith("m_class") and "_partner_" not in c
               and all(c in f.columns for f in frames[1:])]
    if not columns:
        notes.append("classes_of_runs: skipped: the runs have no Strange Situation age in common")
        return written, notes
    names = [_run_name(r, f"run {i + 1}") for i, r in enumerate(results)]
    width = 0.8 / len(results)
    fig, body = _figure(
        (max(12, 2.2 + 1.1 * len(results) * len(CLASSES)), 4.6 * len(columns) + 2.4),
        f"Attachment classes in {len(results)} runs",
        "Share of each class in each run with its 95% Wilson interval, among the infants assessed. "
        "The runs are independent samples; compare two of them with scripts/plot A.h5 B.h5 for the "
        "difference and its interval.",
        "Source: " + " · ".join(f"{n} ({len(f):,} dyads, seed {r.meta.get('seed', '?')})"
                                for n, f, r in zip(names, frames, results))
        + f" · attachsim {results[0].meta.get('attachsim_version', '?')}")
    axes = body.subplots(len(columns), 1, squeeze=False)[:, 0]
    for ax, col in zip(axes, columns):
        x = np.arange(len(CLASSES))
        top = 0.0
        for i, (name, frame) in enumerate(zip(names, frames)):
            labels = frame[col]
            assessed = np.asarray(labels.notna())
            values = np.asarray(labels.astype(str))[assessed]
            n = len(values)
            est = [statistics.proportion(int((values == k).sum()), n) for k in CLASSES]
            share, low, high = (np.array([getattr(e, part) for e in est]) * 100 for part in ("value", "low", "high"))
            offset = (i - (len(results) - 1) / 2) * width
            _class_bars(ax, x + offset, share, low, high, width * 0.95, RUN_COLOURS[i % len(RUN_COLOURS)],
                        f"{name} (n = {n:,})", capsize=3, elinewidth=1.2)
            top = max(top, float(np.nanmax(high)) if n else 0.0)
        _class_axis(ax, col, top)
        ax.legend(loc="upper right", fontsize="small")
    _save(fig, out_dir, "classes_of_runs", formats, written)
    return written, notes
