"""Figures from an attachsim output file: scripts/plot RESULT.h5 [-o DIR] [--format png,svg].

Run through scripts/plot, which picks a python3 that has h5py, numpy and matplotlib. The file says
what it is, and the figures that fit it are drawn (matplotlib, Agg backend: no display needed):

  run file (/dyads)         attachment_classes   A/B/C/D shares at each Strange Situation age, with 95%
                                                 Wilson intervals
                            working_models       monthly working model (expected availability) and
                                                 bid policies of sample infants and class means; needs
                                                 /timeseries (run with --set run.timeseries=true)
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
  sweep file (/points)      sweep_heatmap        an outcome (--outcome NAME; default the first with
                                                 'share_B' in its name) averaged over replicates, over
                                                 the first two factors: a grid heat map, a scatter for
                                                 sampled designs, a line plot for one factor
  other attachsim files     no plots yet (exit 0)

Each figure is written once per format as DIR/<name>.<format>; the paths written are printed one per
line on stdout, notes about figures skipped go to stderr. Exit codes: 0 done (including "no plots
yet"), 2 bad input (missing or non-HDF5 file, bad option, unwritable directory, unreadable run).

The module is importable (nothing runs on import; h5py and matplotlib are imported when used):

    sys.path.insert(0, "scripts/lib")
    import plots
    written, notes = plots.plot_file("results/normative.h5", "/tmp/figs", ["png"])
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys

import numpy as np

Z95 = 1.959963984540054
CLASSES = ("A", "B", "C", "D")
CLASS_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant", "D": "disorganized"}
# Okabe-Ito blue, bluish green and orange, and Tol's wine: distinct with every common colour-vision
# deficiency (checked with the Machado et al. 2009 simulation) and on a projector. Secure is green,
# disorganized the darkest, so a class reads the same in every figure.
CLASS_COLOURS = {"A": "#0072B2", "B": "#009E73", "C": "#E69F00", "D": "#882255"}
TEXT_ON = {"A": "white", "B": "white", "C": "black", "D": "white"}   # text drawn on a class colour
UNCLASSIFIED_COLOUR = "#777777"
FORMATS = ("png", "svg", "pdf")
DEFAULT_FORMATS = ("png", "svg")
PNG_DPI = 150
SAMPLE_INFANTS = 30
SAMPLE_SEED = 20261128           # which infants are drawn as thin lines: fixed, so figures are stable
SCATTER_MAX_POINTS = 20000       # above this the scatter shows a random subset; r and the line use all
RISK_GROUPS = (("0–1", 0, 1), ("2–4", 2, 4), ("5 or more", 5, None))
FEW = 30                         # a risk group smaller than this is flagged as uncertain
GREY = "#555555"


class PlotError(Exception):
    """The figures cannot be drawn at all (exit code 2)."""


class NoPlots(Exception):
    """A valid attachsim file of a kind that has no figures yet (exit code 0)."""


# --------------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------------

def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval of the proportion k/n (the one /summary reports)."""
    if n <= 0:
        return (math.nan, math.nan)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # Exact ends when no or every infant is in the class (the formula gives them only up to rounding).
    return (0.0 if k == 0 else max(0.0, centre - half), 1.0 if k == n else min(1.0, centre + half))


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson r, or nan when it is undefined (fewer than 3 points or no spread)."""
    if len(x) < 3:
        return math.nan
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 0 or syy <= 0:
        return math.nan
    return max(-1.0, min(1.0, float(dx @ dy) / math.sqrt(sxx * syy)))


def fisher_ci(r: float, n: int, z: float = Z95) -> tuple[float, float]:
    if not math.isfinite(r) or n <= 3:
        return (math.nan, math.nan)
    if abs(r) >= 1:
        return (r, r)
    zr, se = math.atanh(r), 1 / math.sqrt(n - 3)
    return (math.tanh(zr - z * se), math.tanh(zr + z * se))


# --------------------------------------------------------------------------------------------------
# Reading a run file
# --------------------------------------------------------------------------------------------------

_AGE_RE = r"(\d+(?:p\d+)?)m"


def age_from_label(label: str) -> float:
    """'12m' -> 12.0, '7p5m' -> 7.5 (the age labels of docs/output.md)."""
    return float(label[:-1].replace("p", "."))


def age_text(age: float) -> str:
    return f"{age:g} months"


def ages_text(labels: list[str]) -> str:
    """['6m', '12m', '18m'] -> '6, 12 and 18 months'."""
    ages = [f"{age_from_label(l):g}" for l in labels]
    return (ages[0] if len(ages) == 1 else ", ".join(ages[:-1]) + " and " + ages[-1]) + " months"


def _age_labels(names: list[str], pattern: str) -> list[str]:
    """The age labels ('6m', '12m', ...) of the columns matching pattern, youngest first."""
    found = (re.fullmatch(pattern, name) for name in names)
    return sorted((m.group(1) + "m" for m in found if m), key=age_from_label)


class Run:
    """A run file, open for reading. Columns are read when asked for, so large runs stay cheap."""

    def __init__(self, path: str, h5file):
        self.path = path
        self.f = h5file
        self.dyads = h5file["dyads"]
        names = list(self.dyads.keys())
        self.n = self._length()
        self.ssp_labels = _age_labels(names, f"ssp_{_AGE_RE}_class")
        self.sensitivity_labels = _age_labels(names, f"sensitivity_{_AGE_RE}")
        self.has_timeseries = "timeseries" in h5file and "age_months" in h5file["timeseries"]
        meta = h5file["meta"].attrs if "meta" in h5file else {}
        self.meta = {k: meta[k] for k in ("attachsim_version", "config_file", "seed", "git_commit") if k in meta}

    def _length(self) -> int:
        lengths = {ds.shape[0] for ds in self.dyads.values() if hasattr(ds, "shape") and len(ds.shape) == 1}
        if not lengths:
            raise PlotError(f"{self.path}: /dyads holds no columns: not a complete run file")
        if len(lengths) != 1:
            raise PlotError(f"{self.path}: the datasets in /dyads have different lengths ({sorted(lengths)}): "
                            "not a complete run file")
        return lengths.pop()

    def has(self, column: str) -> bool:
        return column in self.dyads

    def column(self, name: str) -> np.ndarray:
        if name not in self.dyads:
            raise PlotError(f"{self.path}: /dyads/{name} is missing")
        return self.dyads[name][()]

    def classes(self, label: str) -> np.ndarray:
        """Classes at a Strange Situation age as a str array ('A'...'D'; '' or others if malformed)."""
        raw = self.column(f"ssp_{label}_class")
        return np.char.decode(raw, "ascii") if raw.dtype.kind == "S" else raw.astype(str)

    def colour_label(self) -> str | None:
        """The Strange Situation age whose class colours infants: 12 months if assessed, else the first."""
        if not self.ssp_labels:
            return None
        return "12m" if "12m" in self.ssp_labels else self.ssp_labels[0]

    def source_line(self) -> str:
        parts = [os.path.basename(self.path)]
        if "config_file" in self.meta:
            parts.append(str(self.meta["config_file"]))
        if "seed" in self.meta:
            parts.append(f"seed {int(self.meta['seed'])}")
        if "attachsim_version" in self.meta:
            version = f"attachsim {self.meta['attachsim_version']}"
            if "git_commit" in self.meta:
                version += f" ({self.meta['git_commit']})"
            parts.append(version)
        return "Source: " + " · ".join(parts)


def _count(n: int) -> str:
    return f"{n:,}"


MINUS = "\u2212"  # a real minus sign in numbers, as on the axes
NBSP = "\u00a0"   # "n = 2,000" never breaks across lines in a wrapped title


def _num(x: float, digits: int = 2) -> str:
    """A number with a real minus sign: -0.12 -> '−0.12'."""
    return f"{x:.{digits}f}".replace("-", MINUS)


def _signed(x: float, digits: int) -> str:
    """A number with its sign always shown: '+0.047', '−0.077'."""
    return f"{x:+.{digits}f}".replace("-", MINUS)


def _n(n: int) -> str:
    return f"n{NBSP}={NBSP}{n:,}"


def class_label(c: str, n: int | None = None) -> str:
    text = f"{c} {CLASS_NAMES[c]}"
    return text if n is None else f"{text} (n = {_count(n)})"


# --------------------------------------------------------------------------------------------------
# Figure frame: title, caption-like subtitle, source line; consistent fonts for projection
# --------------------------------------------------------------------------------------------------

def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({
        "font.family": "DejaVu Sans",
        "font.size": 14,
        "axes.titlesize": 15,
        "axes.titleweight": "bold",
        "axes.labelsize": 14,
        "xtick.labelsize": 13,
        "ytick.labelsize": 13,
        "legend.fontsize": 12.5,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 1.1,
        "axes.grid": False,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.9,
        "svg.hashsalt": "attachsim",       # fewer random ids in the SVG (clip paths still vary)
        "svg.fonttype": "path",
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
    })
    return plt


def _wrap(fig, renderer, text: str, max_px: float, **style) -> str:
    """Greedy word wrap measured with the real font, so lines use the width and never overflow it."""
    probe = fig.text(0, 0, "", **style)
    lines, current = [], ""
    for word in (w for w in text.split(" ") if w):   # split on spaces only: NBSP holds words together
        candidate = f"{current} {word}" if current else word
        probe.set_text(candidate)
        if not current or probe.get_window_extent(renderer).width <= max_px:
            current = candidate
        else:
            lines.append(current)
            current = word
    probe.remove()
    return "\n".join(lines + [current] if current else lines)


def _figure(size: tuple[float, float], title: str, subtitle: str, source: str):
    """A figure with a bold title, a caption-like grey subtitle and a small source line, both wrapped to
    the width with the real font. Returns (figure, body): draw the axes in `body`, a subfigure laid out
    by constrained layout in the space left between the header and the source line."""
    plt = _pyplot()
    w, h = size
    fig = plt.figure(figsize=size, layout="constrained")
    # Pads (inches) keep labels off the edges; no extra space between header, body and source line.
    fig.get_layout_engine().set(w_pad=0.1, h_pad=0.03, hspace=0, wspace=0)
    renderer = fig.canvas.get_renderer()
    margin = 0.18                                   # inches, left and top
    width_px = (w - 2 * margin) * fig.dpi
    title_style = {"fontsize": 19, "fontweight": "bold", "linespacing": 1.2}
    sub_style = {"fontsize": 13, "color": GREY, "linespacing": 1.35}
    source_style = {"fontsize": 9.5, "color": "#888888"}

    def height(text: str, style: dict) -> float:
        probe = fig.text(0, 0, text, **style)
        inches = probe.get_window_extent(renderer).height / fig.dpi
        probe.remove()
        return inches

    title = _wrap(fig, renderer, title, width_px, **title_style)
    subtitle = _wrap(fig, renderer, subtitle, width_px, **sub_style) if subtitle else ""
    title_h = height(title, title_style)
    sub_h = height(subtitle, sub_style) if subtitle else 0.0
    source = _wrap(fig, renderer, source, width_px, **source_style)
    header = margin + title_h + (0.12 + sub_h if subtitle else 0.0) + 0.22
    footer = height(source, source_style) + 0.2
    head, body, foot = fig.subfigures(3, 1, height_ratios=[header, h - header - footer, footer])
    head.text(margin / w, 1 - margin / header, title, ha="left", va="top", **title_style)
    if subtitle:
        head.text(margin / w, 1 - (margin + title_h + 0.12) / header, subtitle, ha="left", va="top", **sub_style)
    foot.text(margin / w, 0.1 / footer, source, ha="left", va="bottom", **source_style)
    return fig, body


def _save(fig, out_dir: str, name: str, formats: list[str], written: list[str]):
    plt = _pyplot()
    for fmt in formats:
        path = os.path.join(out_dir, f"{name}.{fmt}")
        tmp = os.path.join(out_dir, f".{name}.{fmt}.partial")
        # No dates or software versions inside: the same result gives byte-identical PNGs.
        metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
        try:
            fig.savefig(tmp, format=fmt, dpi=PNG_DPI, metadata=metadata)
            os.replace(tmp, path)
        except OSError as e:
            try:
                os.remove(tmp)
            except OSError:
                pass
            plt.close(fig)
            raise PlotError(f"cannot write {path}: {e.strerror or e}") from None
        written.append(path)
    plt.close(fig)


def _percent_axis(ax, top: float = 100):
    from matplotlib.ticker import FuncFormatter
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_ylim(0, top)


# --------------------------------------------------------------------------------------------------
# 1. attachment_classes: A/B/C/D shares with Wilson intervals at each Strange Situation age
# --------------------------------------------------------------------------------------------------

def plot_attachment_classes(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    if not run.ssp_labels:
        notes.append("attachment_classes: skipped: the run has no Strange Situation "
                     "(strange_situation.ages_months is empty)")
        return
    data = []
    for label in run.ssp_labels:
        cls = run.classes(label)
        valid = np.isin(cls, CLASSES)
        n = int(valid.sum())
        if n < len(cls):
            notes.append(f"attachment_classes: {len(cls) - n} infants at {age_text(age_from_label(label))} have no "
                         "A/B/C/D class and are left out")
        counts = {c: int((cls == c).sum()) for c in CLASSES}
        data.append((label, n, counts))
    n_all = max(n for _, n, _ in data)
    panels = len(data)
    fig, body = _figure(
        (max(11.0, 4.6 * panels + 2), 7.2),
        f"Attachment classifications in the Strange Situation ({_n(n_all)} infants)",
        f"Percentage of simulated infants classified avoidant (A), secure (B), resistant (C) or disorganized (D) "
        f"in the Strange Situation at {ages_text(run.ssp_labels)}. Error bars: 95% Wilson confidence intervals "
        f"of each share.",
        run.source_line())
    axes = body.subplots(1, panels, sharey=True, squeeze=False)
    highest = 0.0
    for ax, (label, n, counts) in zip(axes[0], data):
        x = np.arange(len(CLASSES))
        shares = np.array([counts[c] / n if n else math.nan for c in CLASSES])
        ci = np.array([wilson(counts[c], n) for c in CLASSES])
        ax.bar(x, shares * 100, width=0.68, color=[CLASS_COLOURS[c] for c in CLASSES], zorder=2)
        yerr = np.clip([(shares - ci[:, 0]) * 100, (ci[:, 1] - shares) * 100], 0, None)   # no -1e-16 from rounding
        ax.errorbar(x, shares * 100, yerr=yerr, fmt="none",
                    ecolor="black", elinewidth=1.8, capsize=9, capthick=1.8, zorder=3)
        for xi, s, hi in zip(x, shares, ci[:, 1]):
            if math.isfinite(s):
                ax.text(xi, hi * 100 + 1.5, f"{s * 100:.1f}%", ha="center", va="bottom", fontsize=15,
                        fontweight="bold")
        highest = max(highest, float(np.nanmax(ci[:, 1])) if n else 0.0)
        ax.set_xticks(x, [f"{c}\n{CLASS_NAMES[c]}" for c in CLASSES])
        ax.tick_params(axis="x", length=0, labelsize=14)
        ax.yaxis.grid(True, zorder=0)
        ax.set_axisbelow(True)
        ax.set_title(f"At {age_text(age_from_label(label))} (n = {_count(n)})" if panels > 1
                     else f"Strange Situation at {age_text(age_from_label(label))}")
    _percent_axis(axes[0][0], min(100.0, math.ceil((highest * 100 + 9) / 10) * 10))
    axes[0][0].set_ylabel("Share of infants (%)")
    _save(fig, out_dir, "attachment_classes", formats, written)


# --------------------------------------------------------------------------------------------------
# 2. working_models: monthly trajectories from /timeseries
# --------------------------------------------------------------------------------------------------

def _sample_rows(groups: np.ndarray, wanted: int, seed: int) -> np.ndarray:
    """About `wanted` row indices, proportional to each group's size but at least 3 of every group
    present (so the rare D and C infants are visible), drawn reproducibly."""
    rng = np.random.default_rng(seed)
    present = [g for g in np.unique(groups)]
    if len(groups) <= wanted:
        return np.arange(len(groups))
    take = {}
    for g in present:
        size = int((groups == g).sum())
        take[g] = min(size, max(3, round(wanted * size / len(groups))))
    while sum(take.values()) > wanted:          # trim the largest groups back to the budget
        g = max(take, key=lambda k: take[k])
        if take[g] <= 3:
            break
        take[g] -= 1
    rows = [rng.choice(np.flatnonzero(groups == g), size=take[g], replace=False) for g in present]
    return np.sort(np.concatenate(rows))


def _means_by_group(ds, groups: np.ndarray, keys: list[str], chunk: int = 8192) -> dict:
    """Mean of a [dyads, steps] dataset over the rows of each group, read in chunks of rows."""
    steps = ds.shape[1]
    sums = {k: np.zeros(steps) for k in keys}
    counts = {k: 0 for k in keys}
    for start in range(0, ds.shape[0], chunk):
        block = ds[start:start + chunk]
        g = groups[start:start + chunk]
        for k in keys:
            mask = g == k
            if mask.any():
                sums[k] += block[mask].sum(axis=0)
                counts[k] += int(mask.sum())
    return {k: sums[k] / counts[k] for k in keys if counts[k]}


def _spread_labels(ys: list[float], gap: float, low: float = 0.0, high: float = 1.0) -> list[float]:
    """Moves label positions apart so that neighbours are at least `gap` apart (keeps their order),
    all within [low + gap/2, high - gap/2] when they fit."""
    order = np.argsort(ys)
    placed = np.array(ys, dtype=float)[order]
    for _ in range(100):
        moved = False
        for i in range(1, len(placed)):
            if placed[i] - placed[i - 1] < gap - 1e-9:
                mid = (placed[i] + placed[i - 1]) / 2
                placed[i - 1], placed[i] = mid - gap / 2, mid + gap / 2
                moved = True
        clamped = np.clip(placed, low + gap / 2, high - gap / 2)
        if not np.array_equal(clamped, placed):
            placed = clamped
            moved = True
        if not moved:
            break
    out = np.empty_like(placed)
    out[order] = placed
    return list(out)


def plot_working_models(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    if not run.has_timeseries:
        notes.append(f"working_models: skipped: {run.path} has no /timeseries; run attachsim with "
                     "--set run.timeseries=true to draw the trajectories")
        return
    ts = run.f["timeseries"]
    needed = ["iwm_availability", "policy_direct", "policy_suppress", "policy_escalate"]
    missing = [v for v in needed if v not in ts]
    if missing:
        notes.append(f"working_models: skipped: /timeseries lacks {', '.join(missing)}")
        return
    import matplotlib.patheffects as pe
    from matplotlib.lines import Line2D

    ages = ts["age_months"][()]
    label = run.colour_label()
    if label is not None:
        cls = run.classes(label)
        groups = np.where(np.isin(cls, CLASSES), cls, "?")
    else:
        groups = np.full(run.n, "?")
    keys = [c for c in CLASSES if (groups == c).any()] + (["?"] if (groups == "?").any() else [])
    colour = {**CLASS_COLOURS, "?": UNCLASSIFIED_COLOUR}
    name = {c: class_label(c) for c in CLASSES} | {"?": "not classified"}
    sizes = {k: int((groups == k).sum()) for k in keys}
    rows = _sample_rows(groups, SAMPLE_INFANTS, SAMPLE_SEED)
    outline = [pe.Stroke(linewidth=6.5, foreground="white"), pe.Normal()]

    if label:
        lines = ("dashed line: that assessment" if len(run.ssp_labels) == 1
                 else f"dashed lines: the Strange Situations at {ages_text(run.ssp_labels)}")
        by = (f"Colour: class in the Strange Situation at {age_text(age_from_label(label))} (infants are grouped "
              f"by the class they got there, so the groups differ most at that age); {lines}.")
    else:
        by = "The run has no Strange Situation, so the infants are not classified."
    fig, body = _figure(
        (14, 11), "How working models and bids develop, month by month",
        f"Top: the infant's expectation that comfort will come, for {len(rows)} sample infants (thin lines) and the "
        f"mean of every infant in the class (thick lines). Bottom: mean learned probability of each way of signalling "
        f"intense distress. {by} {_n(run.n)} infants.",
        run.source_line())
    gs = body.add_gridspec(2, 3, height_ratios=[1.45, 1], hspace=0.08, wspace=0.06)
    ax = body.add_subplot(gs[0, :])
    sample = ts["iwm_availability"][rows, :]
    for r, series in zip(rows, sample):
        ax.plot(ages, series, color=colour[groups[r]], linewidth=1.1, alpha=0.55, zorder=2)
    means = _means_by_group(ts["iwm_availability"], groups, keys)
    for k in keys:
        ax.plot(ages, means[k], color=colour[k], linewidth=4.5, zorder=4, path_effects=outline)
    # Class names (with n) at the right end of the mean lines, pushed apart so they never overlap:
    # the reader needs no legend to tell the classes apart, colour vision or not.
    ends = _spread_labels([means[k][-1] for k in keys], gap=0.1)
    for k, y in zip(keys, ends):
        ax.annotate(f"{name[k]}\nn = {_count(sizes[k])}", xy=(ages[-1], means[k][-1]), xytext=(ages[-1] + 0.35, y),
                    fontsize=12.5, fontweight="bold", color=colour[k], va="center", ha="left", linespacing=1.05,
                    annotation_clip=False)
    ax.set_xlim(ages[0], ages[-1])
    ax.set_ylim(0, 1)
    ax.set_ylabel("Expected availability\nof comfort (0–1)")
    ax.set_xlabel("Infant age (months)")
    ax.set_title("Working model: how available the infant expects comfort to be", loc="left")
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)
    step = 3 if ages[-1] - ages[0] > 12 else 1
    ax.set_xticks(np.arange(math.ceil(ages[0]), ages[-1] + 0.01, step))
    for l in run.ssp_labels:
        a = age_from_label(l)
        if ages[0] <= a <= ages[-1]:
            ax.axvline(a, color=GREY, linestyle="--", linewidth=1.3, zorder=1)
            ax.text(a + 0.12, 0.985, "Strange Situation", color=GREY, fontsize=11.5, va="top", ha="left", rotation=90,
                    zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
    # The key to the line widths sits in the title row, right-aligned: never over the data.
    handles = [Line2D([], [], color=GREY, linewidth=1.1, alpha=0.8, label="one infant"),
               Line2D([], [], color=GREY, linewidth=4.5, label="class mean")]
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize=12.5,
              borderaxespad=0.2, handlelength=2.5)

    policies = [("policy_direct", "Direct bid"), ("policy_suppress", "Suppressed distress"),
                ("policy_escalate", "Escalated bid")]
    first = None
    for i, (var, title) in enumerate(policies):
        pax = body.add_subplot(gs[1, i], sharey=first)
        first = first or pax
        m = _means_by_group(ts[var], groups, keys)
        for k in keys:
            pax.plot(ages, m[k], color=colour[k], linewidth=3.5,
                     path_effects=[pe.Stroke(linewidth=5.5, foreground="white"), pe.Normal()])
        pax.set_title(title)
        pax.set_xlim(ages[0], ages[-1])
        pax.set_xticks(np.arange(math.ceil(ages[0]), ages[-1] + 0.01, 2 * step))
        pax.set_xlabel("Infant age (months)")
        pax.yaxis.grid(True)
        pax.set_axisbelow(True)
        for l in run.ssp_labels:
            a = age_from_label(l)
            if ages[0] <= a <= ages[-1]:
                pax.axvline(a, color=GREY, linestyle="--", linewidth=1.1, zorder=1)
        if i == 0:
            pax.set_ylabel("Mean probability\nin intense distress")
        else:
            pax.tick_params(labelleft=False)
    first.set_ylim(0, 1)

    _save(fig, out_dir, "working_models", formats, written)


# --------------------------------------------------------------------------------------------------
# 3. sensitivity_security: observed sensitivity against continuous security
# --------------------------------------------------------------------------------------------------

def sensitivity_for(run: Run, ssp_label: str) -> str | None:
    """The observation /summary correlates with security: the latest at or before the Strange
    Situation age, or else the first one."""
    if not run.sensitivity_labels:
        return None
    at = age_from_label(ssp_label)
    before = [l for l in run.sensitivity_labels if age_from_label(l) <= at]
    return before[-1] if before else run.sensitivity_labels[0]


def plot_sensitivity_security(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    if not run.ssp_labels or not run.sensitivity_labels:
        what = "Strange Situation" if not run.ssp_labels else "sensitivity observation"
        notes.append(f"sensitivity_security: skipped: the run has no {what}")
        return
    import matplotlib.patheffects as pe
    from matplotlib.lines import Line2D

    ssp = run.ssp_labels[0]
    sens = sensitivity_for(run, ssp)
    x = run.column(f"sensitivity_{sens}").astype(float)
    y = run.column(f"ssp_{ssp}_security").astype(float)
    cls = run.classes(ssp)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y, cls = x[ok], y[ok], cls[ok]
    n = len(x)
    r = pearson(x, y)
    lo, hi = fisher_ci(r, n)

    rng = np.random.default_rng(SAMPLE_SEED)
    shown = rng.permutation(n)                          # random drawing order: no class hides another
    if n > SCATTER_MAX_POINTS:
        shown = shown[:SCATTER_MAX_POINTS]
    jitter = rng.uniform(-0.4, 0.4, size=len(shown)) / 24   # security moves in steps of 1/24
    colours = [CLASS_COLOURS.get(c, UNCLASSIFIED_COLOUR) for c in cls[shown]]
    alpha = float(np.clip(16 / math.sqrt(max(len(shown), 1)), 0.15, 0.8))
    size = float(np.clip(2400 / math.sqrt(max(len(shown), 1)), 12, 60))

    r_text = (f"r = {_num(r)} (95% CI {_num(lo)} to {_num(hi)})" if math.isfinite(lo)
              else f"r = {_num(r)}" if math.isfinite(r) else "r undefined")
    subset = (f" A random {_count(len(shown))} of the {_count(n)} dyads are drawn; r and the line use all of them."
              if len(shown) < n else "")
    same_age = "" if age_from_label(sens) == age_from_label(ssp) else \
        " (the latest observation at or before the Strange Situation)"
    fig, body = _figure(
        (12, 8.2), f"Sensitivity and security: {r_text}, {_n(n)}",
        f"Each dot is one dyad: the caregiver's sensitivity observed at {age_text(age_from_label(sens))}{same_age} "
        f"against the infant's continuous security score in the Strange Situation at {age_text(age_from_label(ssp))}, "
        f"coloured by the infant's class. Pearson r with a 95% Fisher-z interval; security is jittered by less than "
        f"half a scale step so that dyads with equal scores stay visible.{subset}",
        run.source_line())
    ax = body.subplots()
    ax.scatter(x[shown], y[shown] + jitter, c=colours, s=size, alpha=alpha, linewidths=0, zorder=2, rasterized=True)
    slope = intercept = math.nan
    if math.isfinite(r):
        slope, intercept = np.polyfit(x, y, 1)
        xs = np.array([max(1.0, x.min()), min(9.0, x.max())])
        ax.plot(xs, intercept + slope * xs, color="black", linewidth=3.2, zorder=3,
                path_effects=[pe.Stroke(linewidth=5.5, foreground="white"), pe.Normal()])
    ax.set_xlim(0.8, 9.2)
    ax.set_xticks(range(1, 10))
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel(f"Observed caregiver sensitivity at {age_text(age_from_label(sens))} (Ainsworth scale, 1–9)")
    ax.set_ylabel(f"Attachment security at {age_text(age_from_label(ssp))}\n(Strange Situation score, 0–1)")
    ax.grid(True)
    ax.set_axisbelow(True)
    counts = {c: int((cls == c).sum()) for c in CLASSES}
    handles = [Line2D([], [], marker="o", linestyle="", markersize=11, color=CLASS_COLOURS[c],
                      label=class_label(c, counts[c])) for c in CLASSES if counts[c]]
    if math.isfinite(slope):
        handles.append(Line2D([], [], color="black", linewidth=3.2,
                              label=f"least-squares line\n({_signed(slope, 3)} security per scale point)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)

    _save(fig, out_dir, "sensitivity_security", formats, written)


# --------------------------------------------------------------------------------------------------
# 4. risk: class shares by cumulative risk
# --------------------------------------------------------------------------------------------------

def plot_risk(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    if not run.has("risk_count"):
        notes.append("risk: skipped: the run has no risk_count column")
        return
    label = run.colour_label()
    if label is None:
        notes.append("risk: skipped: the run has no Strange Situation")
        return
    from matplotlib.patches import Patch

    risks = run.column("risk_count")
    cls = run.classes(label)
    valid = np.isin(cls, CLASSES)
    indicators = sorted(c[len("risk_"):].replace("_", " ") for c in run.dyads.keys()
                        if c.startswith("risk_") and c != "risk_count")
    stack = ("B", "A", "C", "D")        # secure on the floor, disorganized on the ceiling: both easy to compare
    groups = []
    for text, lo, hi in RISK_GROUPS:
        in_group = valid & (risks >= lo) & ((risks <= hi) if hi is not None else True)
        n = int(in_group.sum())
        groups.append((text, n, {c: int((cls[in_group] == c).sum()) for c in CLASSES}))

    fig, body = _figure(
        (12, 7.8), f"Attachment by cumulative risk ({_n(int(valid.sum()))} infants)",
        f"Share of infants in each Strange Situation class at {age_text(age_from_label(label))}, grouped by how many "
        f"risk indicators their family has ({', '.join(indicators)}). n = infants in each group.",
        run.source_line())
    ax = body.subplots()
    x = np.arange(len(groups))
    bottom = np.zeros(len(groups))
    for c in stack:
        shares = np.array([g[2][c] / g[1] * 100 if g[1] else 0.0 for g in groups])
        ax.bar(x, shares, bottom=bottom, width=0.62, color=CLASS_COLOURS[c], edgecolor="white", linewidth=1.5,
               label=class_label(c), zorder=2)
        for xi, b, s in zip(x, bottom, shares):
            if s >= 4.5:
                ax.text(xi, b + s / 2, f"{s:.0f}%", ha="center", va="center", fontsize=14, fontweight="bold",
                        color=TEXT_ON[c], zorder=3)
        bottom += shares
    for xi, (_, n, _) in zip(x, groups):
        ax.text(xi, 101.5, f"n = {_count(n)}", ha="center", va="bottom", fontsize=14, fontweight="bold")
        if n == 0:
            ax.text(xi, 50, "no infants", ha="center", va="center", fontsize=13, color=GREY, style="italic")
        elif n < FEW:
            ax.text(xi, 108, "few infants:\nshares uncertain", ha="center", va="bottom", fontsize=11.5, color=GREY,
                    style="italic")
    ax.set_xticks(x, [f"{t} risks" for t, _, _ in groups])
    ax.tick_params(axis="x", length=0, labelsize=14)
    ax.set_xlim(-0.6, len(groups) - 0.4)
    _percent_axis(ax, 118 if any(0 < n < FEW for _, n, _ in groups) else 107)
    ax.set_yticks(range(0, 101, 20))
    ax.spines["left"].set_bounds(0, 100)
    ax.set_ylabel(f"Share of infants at {age_text(age_from_label(label))} (%)")
    ax.set_xlabel(f"Cumulative risk: number of risk indicators present in the family (of {len(indicators)})")
    handles = [Patch(color=CLASS_COLOURS[c], label=class_label(c)) for c in reversed(stack)]   # top of the stack first
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 0.85), borderaxespad=0, title="Class",
              title_fontproperties={"weight": "bold", "size": 13}, alignment="left")
    _save(fig, out_dir, "risk", formats, written)


# --------------------------------------------------------------------------------------------------
# 5-8. Generations and later development: transmission, infant_to_adult, childhood_outcomes,
#      protective_factor (tables /generations/* and /childhood/*)
# --------------------------------------------------------------------------------------------------

# Matched orders (Main, Kaplan & Cassidy 1985): autonomous with secure, dismissing with avoidant,
# preoccupied with resistant, unresolved with disorganized. The diagonal of a table in these orders
# is "transmission" (caregiver to infant) or "stability" (infant to the same person as an adult).
AAI_ORDER = ("F", "Ds", "E", "U")
SSP_ORDER = ("B", "A", "C", "D")
AAI_NAMES = {"F": "autonomous", "Ds": "dismissing", "E": "preoccupied", "U": "unresolved"}
CELL_DARK = "#23395B"            # the cell colour of a 100% row share (white at 0%): one neutral hue,
                                 # so the class colours stay for the classes themselves
SECURE_COLOUR = CLASS_COLOURS["B"]
INSECURE_COLOUR = "#444444"
KAPPA_TEXT = "κ (Cohen's kappa): agreement beyond chance, 0 = chance, 1 = perfect"
# Preschool outcomes of /childhood: (column suffix, title, what is rated, higher is better)
CHILDHOOD_OUTCOMES = (
    ("social_competence", "Social competence", "teacher rating: joins play, accepted by peers", True),
    ("empathy", "Empathy", "comforts peers in distress", True),
    ("externalizing", "Externalizing problems", "hits back when bumped or provoked", False),
    ("internalizing", "Internalizing problems", "withdraws from play, stays upset, clings", False),
)
CHILDHOOD_SCALES = {"social_competence": (1.0, 5.0), "empathy": (1.0, 5.0), "externalizing": (0.0, 2.0),
                    "internalizing": (0.0, 2.0)}
AGE_MARKERS = ("o", "s", "^", "D", "v")


def aai_label(a: str) -> str:
    return f"{a} {AAI_NAMES.get(a, '')}".strip()


def _group_table(run: Run, path: str) -> dict | None:
    """A summary table (a group of equal-length columns) as {column: array}, texts decoded; None if absent."""
    if path not in run.f:
        return None
    group = run.f[path]
    if not hasattr(group, "keys"):
        return None
    return {k: _decode(v[()]) for k, v in group.items() if hasattr(v, "shape") and len(v.shape) == 1}


def _meta_text(run: Run, key: str) -> str:
    meta = run.f["meta"].attrs if "meta" in run.f else {}
    return _attr_text(meta[key]) if key in meta else ""


def _generation_value(stats: dict, name: str, generation: float) -> float:
    """A column of /generations/by_generation at a generation, or nan."""
    if name not in stats or "generation" not in stats:
        return math.nan
    sel = stats["generation"] == generation
    return float(stats[name][sel][0]) if sel.any() else math.nan


def _kappa_2x2(table: np.ndarray) -> tuple[float, float]:
    """(agreement, Cohen's kappa) of secure/not against autonomous/not from a 4 x 4 table in matched
    order (row 0 and column 0 are the secure/autonomous ones)."""
    n = float(table.sum())
    if n <= 0:
        return (math.nan, math.nan)
    a = float(table[0, 0])
    b = float(table[0, 1:].sum())
    c = float(table[1:, 0].sum())
    d = float(table[1:, 1:].sum())
    po = (a + d) / n
    pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)
    return (po, (po - pe) / (1 - pe) if pe < 1 else math.nan)


def _pct(x: float, digits: int = 0) -> str:
    return f"{x * 100:.{digits}f}%" if math.isfinite(x) else "n/a"


def _kappa(x: float) -> str:
    return f"κ{NBSP}={NBSP}{_num(x)}" if math.isfinite(x) else f"κ{NBSP}n/a"


def _concordance(ax, counts: np.ndarray, rows: tuple, cols: tuple, row_label, col_label, empty_text: str):
    """A 4 x 4 table of counts as a heat map of row shares: each cell shows its share of the row (%) and n;
    the matched diagonal is outlined. Column labels on top, coloured by class when they are classes."""
    import matplotlib.colors as mcolors
    from matplotlib.patches import Rectangle
    cmap = mcolors.LinearSegmentedColormap.from_list("share", ["#FFFFFF", CELL_DARK])

    def text_colour(share: float) -> str:
        r, g, b, _ = cmap(share)
        return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "white"

    totals = counts.sum(axis=1)
    shares = np.divide(counts, totals[:, None], out=np.full(counts.shape, math.nan), where=totals[:, None] > 0)
    ax.imshow(np.nan_to_num(shares, nan=0.0), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for i in range(len(rows)):
        if totals[i] == 0:
            ax.add_patch(Rectangle((-0.5, i - 0.5), len(cols), 1, facecolor="#F4F4F4", edgecolor="none", zorder=1))
            ax.text((len(cols) - 1) / 2, i, empty_text, ha="center", va="center", fontsize=12, color=GREY,
                    style="italic", zorder=2)
            continue
        for j in range(len(cols)):
            s = shares[i, j]
            colour = text_colour(s)
            ax.text(j, i - 0.1, f"{s * 100:.0f}%", ha="center", va="center", fontsize=16, fontweight="bold",
                    color=colour, zorder=3)
            ax.text(j, i + 0.24, f"n = {_count(int(counts[i, j]))}", ha="center", va="center", fontsize=10.5,
                    color=colour, zorder=3)
    for x in np.arange(0.5, len(cols) - 0.5):            # white grid lines between the cells
        ax.axvline(x, color="white", linewidth=3, zorder=2)
    for y in np.arange(0.5, len(rows) - 0.5):
        ax.axhline(y, color="white", linewidth=3, zorder=2)
    for k in range(min(len(rows), len(cols))):           # the matched diagonal, framed in black
        ax.add_patch(Rectangle((k - 0.5, k - 0.5), 1, 1, facecolor="none", edgecolor="black", linewidth=3.5,
                               zorder=4, clip_on=False))
    ax.set_xticks(range(len(cols)), [col_label(c) for c in cols])
    ax.set_yticks(range(len(rows)), [f"{row_label(r)}\n({_n(int(t))})" for r, t in zip(rows, totals)])
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0, labelsize=12.5)
    for tick, c in zip(ax.get_xticklabels(), cols):
        if c in CLASS_COLOURS:
            tick.set_color(CLASS_COLOURS[c])
            tick.set_fontweight("bold")
    for tick, r in zip(ax.get_yticklabels(), rows):
        if r in CLASS_COLOURS:
            tick.set_color(CLASS_COLOURS[r])
            tick.set_fontweight("bold")
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)


def _grid_shape(panels: int) -> tuple[int, int]:
    """(rows, columns) for a number of panels: one row up to 3, else rows of 2 (for 4) or 3."""
    cols = panels if panels <= 3 else (2 if panels == 4 else 3)
    return math.ceil(panels / cols), cols


def _panel_grid(body, tables: int, extra: bool):
    """Axes for `tables` heat maps and, if `extra`, one more panel after them. Returns (table axes, extra
    axis or None)."""
    panels = tables + (1 if extra else 0)
    rows, cols = _grid_shape(panels)
    axes = list(body.subplots(rows, cols, squeeze=False).flat)
    for ax in axes[panels:]:
        ax.set_visible(False)
    return axes[:tables], (axes[tables] if extra else None)


def _by_generation_panel(ax, gens: np.ndarray, lines: list, ylabel: str):
    """Lines over generations on a 0-1 axis, labelled at their right end. `lines`: (label, values, n for
    a Wilson interval or None, colour, marker, style)."""
    import matplotlib.patheffects as pe
    ends = []
    for label, values, n, colour, marker, style in lines:
        ok = np.isfinite(values)
        if not ok.any():
            continue
        if n is not None:
            ci = np.array([wilson(int(round(v * m)), int(m)) if math.isfinite(v) and m > 0 else (math.nan, math.nan)
                           for v, m in zip(values, n)])
            yerr = np.clip(np.nan_to_num([values - ci[:, 0], ci[:, 1] - values]), 0, None)
            ax.errorbar(gens[ok], values[ok], yerr=yerr[:, ok], fmt="none", ecolor=colour, elinewidth=1.8,
                        capsize=5, capthick=1.8, zorder=3)
        ax.plot(gens[ok], values[ok], color=colour, marker=marker, markersize=9, linewidth=2.6, linestyle=style,
                zorder=4, path_effects=[pe.Stroke(linewidth=4.5, foreground="white"), pe.Normal()])
        ends.append((label, float(values[ok][-1]), colour))
    placed = _spread_labels([y for _, y, _ in ends], gap=0.11, low=0.0, high=1.0)
    for (label, _, colour), y in zip(ends, placed):
        ax.text(gens[-1] + 0.15, y, label, fontsize=12, fontweight="bold", color=colour, va="center", ha="left",
                linespacing=1.05)
    ax.set_xticks(gens, [f"{int(g)}" for g in gens])
    ax.set_xlim(gens[0] - 0.3, gens[-1] + max(1.0, 0.55 * (gens[-1] - gens[0])))   # room for the labels
    ax.spines["bottom"].set_bounds(gens[0], gens[-1])
    ax.set_ylim(0, 1)
    ax.set_xlabel("Generation")
    ax.set_ylabel(ylabel)
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)


def plot_transmission(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    t = _group_table(run, "generations/transmission")
    if not t or not all(k in t for k in ("generation", "caregiver_aai", "infant_class", "dyads")):
        notes.append("transmission: skipped: the run has no /generations/transmission table (it needs a "
                     "Strange Situation: strange_situation.ages_months)")
        return
    stats = _group_table(run, "generations/by_generation") or {}
    gens = sorted({float(g) for g in t["generation"]})
    if not gens:
        notes.append("transmission: skipped: /generations/transmission has no rows")
        return
    tables = {}
    for g in gens:
        counts = np.zeros((4, 4))
        for i, a in enumerate(AAI_ORDER):
            for j, c in enumerate(SSP_ORDER):
                sel = (t["generation"] == g) & (t["caregiver_aai"] == a) & (t["infant_class"] == c)
                counts[i, j] = float(np.sum(t["dyads"][sel]))
        tables[g] = counts

    def stat(name: str, g: float) -> float:
        return _generation_value(stats, name, g)

    ssp = run.ssp_labels[0] if run.ssp_labels else None
    at = f" at {age_text(age_from_label(ssp))}" if ssp else ""
    several = len(gens) > 1
    n_all = int(sum(c.sum() for c in tables.values()))
    mediated_missing = all(not math.isfinite(stat("proportion_mediated", g)) for g in gens)
    through = ("" if mediated_missing else
               " 'Through sensitivity': the share of the effect of an autonomous parent on the infant's security that "
               "runs through the parent's observed sensitivity.")
    if several:
        what = (f"{len(gens)} linked generations: each generation's infants grow up to parent the next; the last "
                f"panel follows the agreement (bars: 95% Wilson intervals).")
    else:
        what = "One generation: the classic table of the parent's interview against the infant's Strange Situation."
    rows, cols = _grid_shape(len(gens) + (1 if several else 0))
    fig, body = _figure(
        ({1: 10.5, 2: 17.5}.get(cols, 19.0), 6.9 * rows + 2.9),
        "Parents' state of mind and their infants' attachment",
        f"Rows: the parent's Adult Attachment Interview (AAI): F autonomous, Ds dismissing, E preoccupied, U "
        f"unresolved. Columns: the infant's Strange Situation class{at}, in the matching order B, A, C, D. Each cell: "
        f"the share of the row's parents whose infant has that class (darker = more) and the number of dyads; the "
        f"framed diagonal is transmission (F→B, Ds→A, E→C, U→D). Under {'each' if several else 'the'} table: how often autonomous-or-not "
        f"matches secure-or-not, with {KAPPA_TEXT}.{through} {what} {_n(n_all)} dyads.",
        run.source_line())
    fig.get_layout_engine().set(h_pad=0.25)             # room between a table's notes and the next title
    table_axes, trend_ax = _panel_grid(body, len(gens), several)
    for ax, g in zip(table_axes, gens):
        counts = tables[g]
        _concordance(ax, counts, AAI_ORDER, SSP_ORDER, lambda a: aai_label(a),
                     lambda c: f"{c}\n{CLASS_NAMES[c]}", "no parents in this category")
        n = int(counts.sum())
        agree, kappa = stat("secure_agreement", g), stat("secure_kappa", g)
        if not math.isfinite(agree):
            agree, kappa = _kappa_2x2(counts)
        lines = [f"Secure/insecure match: {_pct(agree)}, {_kappa(kappa)}",
                 f"All four classes: {_pct(stat('four_way_agreement', g))} on the diagonal, "
                 f"{_kappa(stat('four_way_kappa', g))}"]
        pm = stat("proportion_mediated", g)
        if math.isfinite(pm):
            lines.append(f"Through sensitivity: {_pct(pm)}")
        ax.set_xlabel("\n".join(lines), fontsize=12.5, labelpad=10, linespacing=1.45)
        ax.xaxis.set_label_position("bottom")
        ax.set_title(f"Generation {int(g)} ({_n(n)})" if several else f"Parent's AAI by infant's class{at} ({_n(n)})",
                     pad=12)
    if trend_ax is not None:
        ga = np.array(gens)
        n = np.array([stat("dyads", g) if math.isfinite(stat("dyads", g)) else tables[g].sum() for g in gens])
        lines = [("secure/insecure\nmatch", np.array([stat("secure_agreement", g) for g in gens]), n,
                  "#0072B2", "o", "-"),
                 ("κ secure/\ninsecure", np.array([stat("secure_kappa", g) for g in gens]), None, "#D55E00", "s", "-"),
                 ("through\nsensitivity", np.array([stat("proportion_mediated", g) for g in gens]), None,
                  "#444444", "^", "--")]
        _by_generation_panel(trend_ax, ga, lines, "Share or κ (0–1)")
        trend_ax.set_title("Over the generations", pad=12)
    if mediated_missing:
        notes.append("transmission: no share through sensitivity: the run has no sensitivity observation "
                     "(sensitivity_observation.ages_months)")
    _save(fig, out_dir, "transmission", formats, written)


def _config_value(run: Run, section: str, key: str) -> str:
    """A value of the run's configuration (/meta attribute config_yaml, as the run echoed it), or ''."""
    text = _meta_text(run, "config_yaml")
    m = re.search(rf"^{re.escape(section)}:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+{re.escape(key)}:[ \t]*([^#\n]+)", text,
                  re.MULTILINE)
    return m.group(1).strip() if m else ""


STABILITY_TEXT = {
    "prototype": "the prototype account: the infant's early strategy keeps pulling the adult's state of mind back "
                 "toward it (Fraley 2002)",
    "revisionist": "the revisionist account: later relationships and experiences gradually overwrite the infant's "
                   "early strategy (Fraley 2002)",
}


def plot_infant_to_adult(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    g = run.f["generations"] if "generations" in run.f else None
    if g is None or "adult_aai" not in g:
        notes.append("infant_to_adult: skipped: the infants are not followed into adulthood (no /generations/adult_aai); "
                     "run with --set adulthood.follow=true or --set run.generations=2 (or more)")
        return
    if not run.ssp_labels:
        notes.append("infant_to_adult: skipped: the run has no Strange Situation")
        return
    ssp = run.ssp_labels[0]
    cls = run.classes(ssp)
    adult = _decode(g["adult_aai"][()])
    if len(adult) != len(cls):
        raise PlotError(f"{run.path}: /generations/adult_aai has {len(adult)} rows, /dyads {len(cls)}: "
                        "not a complete run file")
    generation = g["generation"][()].astype(float) if "generation" in g else np.ones(len(cls))
    valid = np.isin(cls, SSP_ORDER) & np.isin(adult, AAI_ORDER)
    if not valid.any():
        notes.append("infant_to_adult: skipped: no infant has both a Strange Situation class and an adult AAI")
        return
    if (~valid).any():
        notes.append(f"infant_to_adult: {int((~valid).sum())} people without both an infant class and an adult AAI "
                     "are left out")
    counts = np.array([[float(np.sum(valid & (cls == c) & (adult == a))) for a in AAI_ORDER] for c in SSP_ORDER])
    agree, kappa = _kappa_2x2(counts)
    stats = _group_table(run, "generations/by_generation") or {}
    gens = sorted({float(x) for x in generation[valid]})
    several = len(gens) > 1 and "infant_adult_secure_agreement" in stats

    def stat(name: str, gen: float) -> float:
        return _generation_value(stats, name, gen)

    mechanism = _meta_text(run, "mechanism_adulthood_stability") or _config_value(run, "adulthood", "stability")
    account = STABILITY_TEXT.get(mechanism, f"the {mechanism} account" if mechanism else "")
    years = _config_value(run, "adulthood", "parenthood_years")
    when = f"at {float(years):g} years" if re.fullmatch(r"[\d.]+", years or "") else "as an adult"
    n = int(counts.sum())
    pooled = ("both generations together" if len(gens) == 2 else
              f"all {len(gens)} generations together" if len(gens) > 2 else "")
    if not several and len(gens) == 1:
        agree_g, kappa_g = stat("infant_adult_secure_agreement", gens[0]), stat("infant_adult_secure_kappa", gens[0])
        if math.isfinite(agree_g):
            agree, kappa = agree_g, kappa_g
    fig, body = _figure(
        (17.5 if several else 10.5, 9.6),
        "Does the secure infant become a secure adult?",
        f"The same people twice: rows are their Strange Situation class as infants at {age_text(age_from_label(ssp))} "
        f"(B secure, A avoidant, C resistant, D disorganized), columns their Adult Attachment Interview {when}, in the "
        f"matching order F autonomous, Ds dismissing, E preoccupied, U unresolved. Each cell is the share of the row "
        f"who became that kind of adult, with its number of people; the framed diagonal is stability. "
        + (f"Simulated under {account}. " if account else "")
        + (f"The table pools {pooled}; the right panel shows each generation (bars: 95% Wilson intervals). "
           if several else "")
        + f"{KAPPA_TEXT}. {_n(n)} people.",
        run.source_line())
    if several:
        table_ax, trend_ax = body.subplots(1, 2, width_ratios=[1.35, 1])
    else:
        table_ax, trend_ax = body.subplots(), None
    _concordance(table_ax, counts, SSP_ORDER, AAI_ORDER, lambda c: f"{c} {CLASS_NAMES[c]}",
                 lambda a: f"{a}\n{AAI_NAMES[a]}", "no infants in this class")
    table_ax.set_title(f"Infant's class at {age_text(age_from_label(ssp))} → own adult AAI"
                       + (f" ({pooled})" if pooled else ""), pad=12)
    table_ax.set_xlabel(f"Secure infant and autonomous adult, or neither: {_pct(agree)}, {_kappa(kappa)}",
                        fontsize=12.5, labelpad=10)
    table_ax.xaxis.set_label_position("bottom")
    if several:
        ga = np.array(gens)
        counts_g = np.array([float(np.sum(valid & (generation == x))) for x in gens])
        lines = [("secure/insecure\nmatch", np.array([stat("infant_adult_secure_agreement", x) for x in gens]), counts_g,
                  "#0072B2", "o", "-"),
                 ("κ secure/\ninsecure", np.array([stat("infant_adult_secure_kappa", x) for x in gens]), None,
                  "#D55E00", "s", "-")]
        _by_generation_panel(trend_ax, ga, lines, "Share or κ (0–1)")
        trend_ax.set_title("Each generation", pad=12)
    _save(fig, out_dir, "infant_to_adult", formats, written)


def _childhood_scale(run: Run, age: str, outcome: str) -> tuple[float, float]:
    """The range of a preschool scale, from the units of its /childhood column ('1-5'), else the default."""
    path = f"childhood/preschool_{age}_{outcome}"
    if path in run.f:
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*", _attr_text(run.f[path].attrs.get("units", "")))
        if m:
            return float(m.group(1)), float(m.group(2))
    return CHILDHOOD_SCALES.get(outcome, (math.nan, math.nan))


def _scale_text(lo: float, hi: float) -> str:
    return f"{lo:g}–{hi:g}" if math.isfinite(lo) and math.isfinite(hi) else ""


def _interval(mean: float, sd: float, n: float) -> tuple[float, float]:
    """mean ± 1.96 sd / sqrt(n), or nans with fewer than 2 children."""
    if not (n >= 2 and math.isfinite(sd) and math.isfinite(mean)):
        return (math.nan, math.nan)
    half = Z95 * sd / math.sqrt(n)
    return (mean - half, mean + half)


def _first_generation_text(run: Run, total: int) -> str:
    """' (first generation only)' when the childhood tables cover just generation 1 of a multi-generation run."""
    g = run.f["generations"] if "generations" in run.f else None
    if g is None or "generation" not in g:
        return ""
    generation = g["generation"][()]
    if generation.max(initial=1) > 1 and total == int(np.sum(generation == 1)):
        return ", first generation (the population as configured)"
    return ""


def plot_childhood_outcomes(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    t = _group_table(run, "childhood/outcomes_by_infant_class")
    if not t or not all(k in t for k in ("age_months", "infant_class", "outcome", "n", "mean", "sd")):
        notes.append("childhood_outcomes: skipped: the run has no preschool assessment (no "
                     "/childhood/outcomes_by_infant_class); run with --set 'preschool.ages_months=[54]' --set "
                     "development.span_months=60, as configs/generations.yaml does")
        return
    from matplotlib.lines import Line2D
    ages = sorted(_unique_in_order(t["age_months"]), key=age_from_label)
    outcomes = [o for o in CHILDHOOD_OUTCOMES if (t["outcome"] == o[0]).any()]
    classes = [c for c in CLASSES if (t["infant_class"] == c).any()]
    if not outcomes or not classes:
        notes.append("childhood_outcomes: skipped: /childhood/outcomes_by_infant_class has no rows")
        return
    ssp = run.ssp_labels[0] if run.ssp_labels else None
    at = f" at {age_text(age_from_label(ssp))}" if ssp else ""

    def row(age, c, o):
        sel = (t["age_months"] == age) & (t["infant_class"] == c) & (t["outcome"] == o)
        i = np.flatnonzero(sel)
        return (float(t["n"][i[0]]), float(t["mean"][i[0]]), float(t["sd"][i[0]])) if len(i) else None

    n_class = {c: int(max((row(a, c, outcomes[0][0]) or (0, 0, 0))[0] for a in ages)) for c in classes}
    total = sum(n_class.values())
    rows_n, cols_n = (1, len(outcomes)) if len(outcomes) <= 2 else (math.ceil(len(outcomes) / 2), 2)
    fig, body = _figure(
        (14.5, 5.4 * rows_n + 3.4),
        "How children fare at preschool age, by their attachment as infants",
        f"Mean score of the children in each Strange Situation class{at} on four preschool outcomes rated at "
        f"{ages_text(ages)}: social competence and empathy (higher is better), "
        f"externalizing and internalizing problems (lower is better). Each axis spans the whole rating scale. Bars: 95% "
        f"intervals of the mean (mean ± 1.96 SD / √n); the dashed line is the mean of all children"
        f"{' at ' + age_text(age_from_label(ages[0])) if len(ages) > 1 else ''}. "
        f"{_n(total)} children{_first_generation_text(run, total)}.",
        run.source_line())
    fig.get_layout_engine().set(h_pad=0.25)
    axes = body.subplots(rows_n, cols_n, squeeze=False)
    width = 0.36
    offsets = np.linspace(-width / 2, width / 2, len(ages)) if len(ages) > 1 else [0.0]
    for k, ax in enumerate(axes.flat):
        if k >= len(outcomes):
            ax.set_visible(False)
            continue
        name, title, rated, higher = outcomes[k]
        lo, hi = _childhood_scale(run, ages[0], name)
        x = np.arange(len(classes))
        for s, age in enumerate(ages):
            values = [row(age, c, name) for c in classes]
            marker = AGE_MARKERS[s % len(AGE_MARKERS)]
            for xi, c, v in zip(x, classes, values):
                if v is None or not math.isfinite(v[1]):
                    continue
                n, mean, sd = v
                a, b = _interval(mean, sd, n)
                if math.isfinite(a):
                    ax.errorbar(xi + offsets[s], mean, yerr=[[mean - a], [b - mean]], fmt="none",
                                ecolor=CLASS_COLOURS[c], elinewidth=2.4, capsize=8, capthick=2.4, zorder=3)
                ax.plot(xi + offsets[s], mean, marker=marker, markersize=12, color=CLASS_COLOURS[c],
                        markeredgecolor="white", markeredgewidth=1.2, zorder=4, linestyle="none")
                if len(ages) == 1:   # with several ages the points sit close together: no room for values
                    ax.text(xi + 0.12, mean, _num(mean), ha="left", va="center", fontsize=12, fontweight="bold",
                            color=CLASS_COLOURS[c] if c != "C" else "#8A5A00", zorder=5)
            ns = np.array([v[0] if v else 0.0 for v in values])
            ms = np.array([v[1] if v else 0.0 for v in values])
            if ns.sum() > 0 and s == 0:
                overall = float(np.sum(ns * ms) / ns.sum())
                ax.axhline(overall, color=GREY, linestyle="--", linewidth=1.3, zorder=1)
        ax.set_xticks(x, [f"{c} {CLASS_NAMES[c]}\n{_n(n_class[c])}" for c in classes])
        for tick, c in zip(ax.get_xticklabels(), classes):
            tick.set_color(CLASS_COLOURS[c])
            tick.set_fontweight("bold")
        ax.tick_params(axis="x", length=0, labelsize=12)
        ax.set_xlim(-0.5, len(classes) - 0.5)
        if math.isfinite(lo):
            ax.set_ylim(lo, hi)
        ax.set_title(f"{title} ({_scale_text(lo, hi)}, {'higher' if higher else 'lower'} is better)", fontsize=14.5)
        ax.text(0.02, 0.98, rated, transform=ax.transAxes, ha="left", va="top", fontsize=12, color=GREY,
                style="italic")
        ax.set_ylabel(f"Mean ({_scale_text(lo, hi)})" if k % cols_n == 0 else "")
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
    mean_label = "mean of all children" + (f" at {age_text(age_from_label(ages[0]))}" if len(ages) > 1 else "")
    handles = [Line2D([], [], color=GREY, linestyle="--", linewidth=1.3, label=mean_label)]
    if len(ages) > 1:
        handles += [Line2D([], [], marker=AGE_MARKERS[s % len(AGE_MARKERS)], linestyle="none", color=GREY,
                           markersize=11, label=f"at {age_text(age_from_label(a))}") for s, a in enumerate(ages)]
    axes.flat[0].legend(handles=handles, loc="upper right", fontsize=12)
    _save(fig, out_dir, "childhood_outcomes", formats, written)


RISK_TABLE_GROUPS = (("0-1", "0–1"), ("2-4", "2–4"), ("5+", "5 or more"))


def plot_protective_factor(run: Run, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    t = _group_table(run, "childhood/protective_factor")
    needed = ("age_months", "risks", "secure", "outcome", "n", "mean", "sd")
    if not t or not all(k in t for k in needed):
        notes.append("protective_factor: skipped: the run has no preschool assessment (no "
                     "/childhood/protective_factor); run with --set 'preschool.ages_months=[54]' --set "
                     "development.span_months=60, as configs/generations.yaml does")
        return
    outcome = "social_competence"
    if not (t["outcome"] == outcome).any():
        notes.append("protective_factor: skipped: /childhood/protective_factor has no social_competence rows")
        return
    import matplotlib.patheffects as pe
    ages = sorted(_unique_in_order(t["age_months"][t["outcome"] == outcome]), key=age_from_label)
    ssp = run.ssp_labels[0] if run.ssp_labels else None
    at = f" at {age_text(age_from_label(ssp))}" if ssp else " as infants"
    lo, hi = _childhood_scale(run, ages[0], outcome)
    groups = [(key, text) for key, text in RISK_TABLE_GROUPS if (t["risks"] == key).any()]

    def cell(age, key, secure):
        sel = (t["age_months"] == age) & (t["risks"] == key) & (t["secure"].astype(float) == secure) & \
              (t["outcome"] == outcome)
        i = np.flatnonzero(sel)
        return (float(t["n"][i[0]]), float(t["mean"][i[0]]), float(t["sd"][i[0]])) if len(i) else (0.0, math.nan, math.nan)

    # The reading of the figure in words, from the first assessment: how far competence falls from 0-1
    # risks to 2 or more (the summary's competence_risk_drop values; the 5+ group alone is small in
    # most populations), among secure and insecure children.
    def pooled_mean(age, keys, secure):
        cells = [cell(age, key, secure) for key in keys]
        n = sum(c[0] for c in cells)
        return sum(c[0] * c[1] for c in cells if c[0] > 0) / n if n > 0 else math.nan
    higher = [key for key, _ in groups if key != "0-1"]
    drops = {s: cell(ages[0], "0-1", s)[1] - pooled_mean(ages[0], higher, s) for s in (1.0, 0.0)}
    few = [(text, s) for key, text in groups for s in (1.0, 0.0) if 0 < cell(ages[0], key, s)[0] < FEW]
    if all(math.isfinite(d) for d in drops.values()):
        when = f"At {age_text(age_from_label(ages[0]))}, competence" if len(ages) > 1 else "In this run competence"
        reading = (f"{when} falls by {_num(drops[1.0])} points among secure and {_num(drops[0.0])} "
                   f"among insecure children from 0–1 to 2 or more risks.")
        if few:
            reading += (" Some groups hold fewer than 30 children (marked 'few children'): their means are uncertain, "
                        "as the wide bars show.")
    else:
        reading = ""
    total = int(sum(cell(ages[0], key, s)[0] for key, _ in groups for s in (1.0, 0.0)))
    fig, body = _figure(
        (max(12.0, 7.5 * len(ages) + 2.5), 8.6),
        "Does a secure attachment protect against family risk?",
        f"Teacher-rated social competence at preschool age ({_scale_text(lo, hi)}, higher is better) by how many risk "
        f"indicators the family has, for children who were secure (B){at} and for those who were not (A, C or D). "
        f"Risk lowers competence; if security protects, the green line falls less than the grey one. Bars: 95% "
        f"intervals of the mean (mean ± 1.96 SD / √n). {reading} {_n(total)} children"
        f"{_first_generation_text(run, total)}.",
        run.source_line())
    axes = body.subplots(1, len(ages), sharey=True, squeeze=False)[0]
    x = np.arange(len(groups))
    for ax, age in zip(axes, ages):
        for secure, colour, marker, style, label, dx in (
                (1.0, SECURE_COLOUR, "o", "-", f"secure (B){at}", -0.09),
                (0.0, INSECURE_COLOUR, "s", "--", f"insecure (A, C or D){at}", 0.09)):
            cells = [cell(age, key, secure) for key, _ in groups]
            means = np.array([c[1] for c in cells])
            ci = np.array([_interval(c[1], c[2], c[0]) for c in cells])
            ok = np.isfinite(means)
            yerr = np.clip(np.nan_to_num([means - ci[:, 0], ci[:, 1] - means]), 0, None)
            ax.errorbar(x[ok] + dx, means[ok], yerr=yerr[:, ok], fmt="none", ecolor=colour, elinewidth=2.2, capsize=7,
                        capthick=2.2, zorder=3)
            ax.plot(x[ok] + dx, means[ok], color=colour, marker=marker, markersize=11, linewidth=3, linestyle=style,
                    zorder=4, label=label, path_effects=[pe.Stroke(linewidth=5, foreground="white"), pe.Normal()])
            for xi, (n, m, _), top, bottom in zip(x, cells, ci[:, 1], ci[:, 0]):
                if not math.isfinite(m):
                    continue
                text = _num(m) + ("\n(few children)" if n < FEW else "")
                # Secure means above their bar and to the left, insecure below and to the right: a label
                # never sits on the other group's bar.
                # A wide bar that leaves no room up to the top (down to the bottom) of the scale: the label
                # goes beside the point instead, on the same side.
                room = 0.075 * (hi - lo) if math.isfinite(lo) else 0.0
                if secure:
                    y, va, ha, x_text = (top if math.isfinite(top) else m) + 0.04, "bottom", "right", xi + dx + 0.05
                    if math.isfinite(hi) and y > hi - room:
                        y, va, x_text = m, "center", xi + dx - 0.06
                else:
                    y, va, ha, x_text = (bottom if math.isfinite(bottom) else m) - 0.04, "top", "left", xi + dx - 0.05
                    if math.isfinite(lo) and y < lo + room:
                        y, va, x_text = m, "center", xi + dx + 0.06
                ax.text(x_text, y, text, ha=ha, va=va, fontsize=12.5, color=colour, fontweight="bold",
                        linespacing=1.05, zorder=5, path_effects=[pe.withStroke(linewidth=3, foreground="white")])
        counts = [(int(cell(age, key, 1.0)[0]), int(cell(age, key, 0.0)[0])) for key, _ in groups]
        ax.set_xticks(x, [f"{text} risks\n{_count(a)} secure, {_count(b)} insecure" for (_, text), (a, b)
                          in zip(groups, counts)])
        ax.tick_params(axis="x", length=0, labelsize=13.5)
        ax.set_xlim(-0.6, len(groups) - 0.4)
        if math.isfinite(lo):
            ax.set_ylim(lo, hi)
        ax.set_xlabel("Cumulative risk: number of risk indicators in the family")
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
        if len(ages) > 1:
            ax.set_title(f"At {age_text(age_from_label(age))}")
    axes[0].set_ylabel(f"Social competence at preschool age\n(teacher rating, {_scale_text(lo, hi)})")
    axes[-1].legend(loc="upper right", handlelength=3.5, fontsize=13)
    if few:
        notes.append("protective_factor: fewer than 30 children in " +
                     ", ".join(f"{'secure' if s else 'insecure'} at {text} risks" for text, s in few) +
                     " (marked 'few children')")
    _save(fig, out_dir, "protective_factor", formats, written)


# --------------------------------------------------------------------------------------------------
# Trial files (/trial): arms, moderators, cost and power
# --------------------------------------------------------------------------------------------------

# Okabe-Ito colours for the arms (the reference arm is near-black): distinct with every common
# colour-vision deficiency. Shapes differ too, so the arms read apart in greyscale.
REFERENCE_COLOUR = "#333333"
ARM_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
ARM_MARKERS = ("s", "^", "D", "v", "P", "X")
# Trial outcomes: (name, kind, what it is, axis label of a value, unit of a difference)
TRIAL_OUTCOMES = (
    ("secure", "share", "secure (class B)", "Share secure (B), %", "percentage points"),
    ("disorganized", "share", "disorganized (class D)", "Share disorganized (D), %", "percentage points"),
    ("security", "mean", "security", "Mean security\n(Strange Situation score, 0–1)", "score points (0–1 scale)"),
    ("sensitivity", "mean", "observed sensitivity", "Mean observed sensitivity\n(Ainsworth scale, 1–9)",
     "scale points (1–9 scale)"),
)
OUTCOME_INFO = {o[0]: o for o in TRIAL_OUTCOMES}


def _decode(a: np.ndarray) -> np.ndarray:
    return np.char.decode(a, "ascii") if a.dtype.kind == "S" else a


def _table(group) -> dict:
    """A /trial table as {column: array}, texts decoded to str."""
    return {k: _decode(v[()]) for k, v in group.items() if hasattr(v, "shape")}


def age_label(age: float) -> str:
    """12.0 -> '12m', 7.5 -> '7p5m' (the column labels of docs/output.md)."""
    return f"{age:g}".replace(".", "p") + "m"


def _unique_in_order(values) -> list:
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


class Trial:
    """A trial file (/trial), open for reading."""

    def __init__(self, path: str, h5file):
        self.path = path
        self.f = h5file
        t = h5file["trial"]
        for name in ("contrasts", "moderators", "power"):
            if name not in t:
                raise PlotError(f"{path}: /trial/{name} is missing: not a complete trial file")
        self.contrasts = _table(t["contrasts"])
        self.moderators = _table(t["moderators"])
        self.power = _table(t["power"])
        self.enrolled = _table(t["enrolled"]) if "enrolled" in t else {}
        self.twins = t["twins"] if "twins" in t else None
        # The non-reference arms (comparison groups, analysis "comparison", are not arms).
        arms, analyses = self.contrasts.get("arm", []), self.contrasts.get("analysis", [])
        self.arms = _unique_in_order(a for a, k in zip(arms, analyses) if k != "comparison")
        twin_arms = list(self.twins.keys()) if self.twins is not None else []
        others = [a for a in twin_arms if a not in self.arms]
        self.reference = others[0] if len(others) == 1 else "reference"
        meta = h5file["meta"].attrs if "meta" in h5file else {}
        self.meta = {k: meta[k] for k in ("attachsim_version", "trial_file", "seed", "git_commit", "replicates")
                     if k in meta}
        self.name = self._trial_name(meta.get("trial_yaml", ""))

    @staticmethod
    def _trial_name(yaml_text) -> str:
        if isinstance(yaml_text, bytes):
            yaml_text = yaml_text.decode("utf-8", "replace")
        m = re.search(r"^\s+name:\s*(\"[^\"]*\"|'[^']*'|[^#\n]+)", str(yaml_text), re.MULTILINE)
        return m.group(1).strip().strip("\"'") if m else ""

    def rows(self, table: dict, **match) -> np.ndarray:
        """Indices of the rows of `table` whose columns equal the given values."""
        n = len(next(iter(table.values()))) if table else 0
        keep = np.ones(n, dtype=bool)
        for k, v in match.items():
            keep &= table[k] == v
        return np.flatnonzero(keep)

    def itt(self) -> dict:
        """The contrasts of replicate 0, intention to treat."""
        c = self.contrasts
        idx = self.rows(c, analysis="itt", replicate=0.0)
        return {k: v[idx] for k, v in c.items()}

    def sample(self, arm: str, outcome: str, age: float) -> np.ndarray | None:
        """The ITT sample of replicate 0 in an arm: the outcome of the dyads randomized to it, from their
        twins under that arm (1/0 for shares). None if the file does not hold what is needed."""
        if self.twins is None or arm not in self.twins or "arm" not in self.enrolled:
            return None
        label = age_label(age)
        column = {"secure": f"ssp_{label}_class", "disorganized": f"ssp_{label}_class",
                  "security": f"ssp_{label}_security", "sensitivity": f"sensitivity_{label}"}[outcome]
        group = self.twins[arm]
        if column not in group:
            return None
        values = _decode(group[column][()])
        mine = self.enrolled["arm"] == arm
        if len(values) != len(mine):
            return None
        values = values[mine]
        if outcome in ("secure", "disorganized"):
            return (values == ("B" if outcome == "secure" else "D")).astype(float)
        values = values.astype(float)
        return values[np.isfinite(values)]

    def source_line(self) -> str:
        parts = [os.path.basename(self.path)]
        if "trial_file" in self.meta:
            parts.append(str(self.meta["trial_file"]))
        if "seed" in self.meta:
            parts.append(f"seed {int(self.meta['seed'])}")
        if "replicates" in self.meta:
            r = int(self.meta["replicates"])
            parts.append(f"{r} replicate{'s' if r != 1 else ''}")
        if "attachsim_version" in self.meta:
            version = f"attachsim {self.meta['attachsim_version']}"
            if "git_commit" in self.meta:
                version += f" ({self.meta['git_commit']})"
            parts.append(version)
        return "Source: " + " · ".join(parts)

    def title_prefix(self) -> str:
        return f"{self.name}: " if self.name else ""

    def arm_style(self, arm: str) -> dict:
        if arm == self.reference:
            return {"color": REFERENCE_COLOUR, "marker": "o"}
        i = self.arms.index(arm) if arm in self.arms else 0
        return {"color": ARM_COLOURS[i % len(ARM_COLOURS)], "marker": ARM_MARKERS[i % len(ARM_MARKERS)]}


def _arm_text(arm: str) -> str:
    return arm.replace("_", " ")


def _ages_in(table: dict, idx: np.ndarray) -> list[float]:
    return sorted(set(float(a) for a in table["age_months"][idx]))


def _value_interval(trial: Trial, arm: str, outcome: str, age: float, value: float, n: float):
    """(value, low, high) of an arm's ITT estimate: Wilson for shares, normal for means, from the twins
    of replicate 0 when the file holds them (else no interval)."""
    kind = OUTCOME_INFO[outcome][1]
    x = trial.sample(arm, outcome, age)
    if x is not None and len(x) and (kind == "share" or len(x) >= 2):
        if kind == "share":
            lo, hi = wilson(int(round(x.sum())), len(x))
            return float(x.mean()), lo, hi
        m, se = float(x.mean()), float(x.std(ddof=1)) / math.sqrt(len(x))
        return m, m - Z95 * se, m + Z95 * se
    if kind == "share" and n and math.isfinite(value):
        lo, hi = wilson(int(round(value * n)), int(n))
        return value, lo, hi
    return value, math.nan, math.nan


def plot_trial_arms(trial: Trial, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    c = trial.itt()
    outcomes = [o for o in OUTCOME_INFO if (c["outcome"] == o).any()] if c else []
    if not outcomes:
        notes.append("trial_arms: skipped: /trial/contrasts has no intention-to-treat rows of replicate 0")
        return
    from matplotlib.lines import Line2D

    cols = 1 if len(outcomes) == 1 else 2
    rows = math.ceil(len(outcomes) / cols)
    series = [trial.reference] + trial.arms
    n_ref = int(np.nanmax(c["n_reference"])) if len(c["n_reference"]) else 0
    n_arms = ", ".join(f"{_arm_text(a)} {int(np.nanmax(c['n_arm'][c['arm'] == a]))}" for a in trial.arms)
    fig, body = _figure(
        (13.5, 4.3 * rows + 2.6),
        f"{trial.title_prefix()}outcomes by arm",
        f"Intention-to-treat estimates of the trial as specified (replicate 0): every enrolled dyad counted in the arm "
        f"it was randomized to ({_arm_text(trial.reference)} {n_ref}, {n_arms} dyads). Points are the shares or "
        f"means at each follow-up; bars are 95% intervals (Wilson for shares, normal for means). A star marks a "
        f"difference from {_arm_text(trial.reference)} that is significant (p < 0.05).",
        trial.source_line())
    axes = body.subplots(rows, cols, squeeze=False)
    missing = set()
    for k, ax in enumerate(axes.flat):
        if k >= len(outcomes):
            ax.set_visible(False)
            continue
        outcome = outcomes[k]
        _, kind, what, ylabel, _ = OUTCOME_INFO[outcome]
        scale = 100.0 if kind == "share" else 1.0
        idx = np.flatnonzero(c["outcome"] == outcome)
        ages = _ages_in(c, idx)
        width = 0.55
        offsets = np.linspace(-width / 2, width / 2, len(series)) if len(series) > 1 else [0.0]
        highest = 0.0
        for s, arm in enumerate(series):
            xs, vals, los, his, stars = [], [], [], [], []
            for i, age in enumerate(ages):
                rows_here = idx[c["age_months"][idx] == age]
                if arm == trial.reference:
                    r = rows_here[0]
                    value, n, sig = float(c["reference_value"][r]), float(c["n_reference"][r]), 0.0
                else:
                    mine = rows_here[c["arm"][rows_here] == arm]
                    if not len(mine):
                        continue
                    r = mine[0]
                    value, n, sig = float(c["arm_value"][r]), float(c["n_arm"][r]), float(c["significant"][r])
                v, lo, hi = _value_interval(trial, arm, outcome, age, value, n)
                if not math.isfinite(lo):
                    missing.add(outcome)
                xs.append(i + offsets[s])
                vals.append(v * scale)
                los.append(lo * scale)
                his.append(hi * scale)
                stars.append(sig == 1.0)
            if not xs:
                continue
            vals, los, his = np.array(vals), np.array(los), np.array(his)
            style = trial.arm_style(arm)
            yerr = np.clip(np.nan_to_num([vals - los, his - vals]), 0, None)
            ax.errorbar(xs, vals, yerr=yerr, fmt=style["marker"], color=style["color"], markersize=9,
                        elinewidth=2, capsize=5, capthick=2, zorder=3,
                        linestyle="-" if len(xs) > 1 else "none", linewidth=1.2)
            for x, top, star in zip(xs, np.where(np.isfinite(his), his, vals), stars):
                if star:
                    ax.text(x, top, "*", ha="center", va="bottom", fontsize=20, fontweight="bold",
                            color=style["color"])
            highest = max(highest, float(np.nanmax(np.where(np.isfinite(his), his, vals))))
        ax.set_xticks(range(len(ages)), [f"{a:g}" for a in ages])
        ax.set_xlim(-0.6, len(ages) - 0.4)
        ax.set_xlabel("Follow-up age (months)")
        ax.set_ylabel(ylabel)
        ax.set_title(f"{what[0].upper()}{what[1:]}")
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
        if kind == "share":
            _percent_axis(ax, min(100.0, math.ceil((highest + 8) / 10) * 10))
        elif outcome == "security":
            ax.set_ylim(max(0.0, ax.get_ylim()[0]), min(1.0, ax.get_ylim()[1] + 0.03))
        else:
            ax.set_ylim(max(1.0, ax.get_ylim()[0]), min(9.0, ax.get_ylim()[1] + 0.4))
    handles = [Line2D([], [], linestyle="-", linewidth=1.2, markersize=9, label=_arm_text(a)
                      + (" (reference)" if a == trial.reference else ""), **trial.arm_style(a)) for a in series]
    axes.flat[0].legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.09), ncol=len(series),
                        borderaxespad=0, fontsize=13)
    for outcome in sorted(missing):
        notes.append(f"trial_arms: no interval for {outcome}: the file has no twins column for it")
    _save(fig, out_dir, "trial_arms", formats, written)


def _moderator_label(moderator: str, level: str) -> str:
    return f"{moderator} {level}" if re.fullmatch(r"\d+", level) else f"{moderator}: {level}"


def plot_trial_moderators(trial: Trial, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    m = trial.moderators
    idx = trial.rows(m, outcome="secure") if m else np.array([], dtype=int)
    if not len(idx):
        notes.append("trial_moderators: skipped: /trial/moderators has no rows for 'secure' "
                     "(no follow-up with the Strange Situation)")
        return
    import matplotlib.patheffects as pe
    age = max(float(a) for a in m["age_months"][idx])
    idx = idx[m["age_months"][idx] == age]
    arms = [a for a in trial.arms if (m["arm"][idx] == a).any()]
    levels = _unique_in_order((m["moderator"][i], m["level"][i]) for i in idx)
    moderators = _unique_in_order(mod for mod, _ in levels)
    # y positions: moderators top to bottom, a gap between them
    ypos, y, bands = {}, 0.0, []
    for mod in moderators:
        start = y
        for lev in (l for mm, l in levels if mm == mod):
            ypos[(mod, lev)] = y
            y += 1
        bands.append((mod, start, y - 1))
        y += 0.6
    n_of = {(m["moderator"][i], m["level"][i]): int(m["n"][i]) for i in idx}
    # the overall twins effect, for reference
    c = trial.contrasts
    overall = {}
    for arm in arms:
        r = trial.rows(c, analysis="twins", replicate=0.0, outcome="secure", age_months=age, arm=arm)
        if len(r):
            overall[arm] = float(c["difference"][r[0]]) * 100
    fig, body = _figure(
        (6.2 * len(arms) + 6.5, 0.42 * len(levels) + 0.28 * len(moderators) + 4.4),
        f"{trial.title_prefix()}who benefits most? Effect on being secure at {age_text(age)}",
        f"Mean individual effect of {' / '.join(_arm_text(a) for a in arms)} against {_arm_text(trial.reference)} on "
        f"the share secure (class B) at {age_text(age)}, by level of each moderator: every enrolled dyad simulated "
        f"under both arms (counterfactual twins, replicate 0). Bars: ±1.96 standard errors. The dashed line is the "
        f"effect over all enrolled dyads; n = enrolled dyads at each level. Small levels are very uncertain.",
        trial.source_line())
    axes = body.subplots(1, len(arms), sharey=True, squeeze=False)[0]
    no_se = []
    for ax, arm in zip(axes, arms):
        style = trial.arm_style(arm)
        for j, (mod, top, bottom) in enumerate(bands):
            if j % 2 == 0:
                ax.axhspan(top - 0.5, bottom + 0.5, color="#F2F2F2", zorder=0, linewidth=0)
        for i in idx[m["arm"][idx] == arm]:
            key = (m["moderator"][i], m["level"][i])
            eff, se = float(m["mean_effect"][i]) * 100, float(m["se"][i]) * 100
            yy = ypos[key]
            if math.isfinite(se):
                ax.errorbar(eff, yy, xerr=Z95 * se, fmt=style["marker"], color=style["color"], markersize=9,
                            elinewidth=2.2, capsize=5, capthick=2, zorder=3)
            else:
                ax.plot(eff, yy, style["marker"], markersize=9, markerfacecolor="white",
                        markeredgecolor=style["color"], markeredgewidth=2, zorder=3)
                no_se.append(_moderator_label(*key))
        ax.axvline(0, color="black", linewidth=1.4, zorder=2)
        if arm in overall:
            ax.axvline(overall[arm], color=style["color"], linestyle="--", linewidth=1.6, zorder=1)
            ax.text(overall[arm], -1.3, f"all dyads: {_signed(overall[arm], 1)} pp", color=style["color"],
                    fontsize=12, ha="center", va="top", fontweight="bold",
                    path_effects=[pe.withStroke(linewidth=3, foreground="white")])
        ax.set_title(f"{_arm_text(arm)} vs {_arm_text(trial.reference)}" if len(arms) > 1 else _arm_text(arm))
        ax.set_xlabel(f"Effect on share secure at {age_text(age)}\n(percentage points, arm − reference)")
        ax.xaxis.grid(True)
        ax.set_axisbelow(True)
        lo, hi = ax.get_xlim()
        span = max(abs(lo), abs(hi))
        ax.set_xlim(max(lo, -105), min(hi, 105)) if span > 105 else None
    axes[0].set_yticks([ypos[k] for k in levels],
                       [f"{_moderator_label(*k)}  ({_n(n_of[k])})" for k in levels])
    axes[0].set_ylim(y - 0.6 + 0.1, -1.4)
    axes[0].tick_params(axis="y", length=0)
    if no_se:
        notes.append(f"trial_moderators: no standard error (one dyad) at: {', '.join(sorted(set(no_se)))} "
                     "(drawn hollow)")
    _save(fig, out_dir, "trial_moderators", formats, written)


def _usd(x: float) -> str:
    return f"${x:,.0f}".replace("$-", f"{MINUS}$")


def plot_trial_cost(trial: Trial, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    c = trial.itt()
    idx = np.flatnonzero(c["outcome"] == "secure") if c else np.array([], dtype=int)
    if not len(idx):
        notes.append("trial_cost: skipped: no intention-to-treat contrast on 'secure' (no Strange Situation "
                     "follow-up)")
        return
    from matplotlib.patches import Patch
    ages = _ages_in(c, idx)
    arms = [a for a in trial.arms if (c["arm"][idx] == a).any()]
    costs = sorted(set(float(v) for v in c["cost_difference"][idx] if math.isfinite(v)))
    cost_text = (f"{_usd(costs[0])} more per dyad" if len(costs) == 1 else "the difference in mean program cost per "
                 "dyad") if costs else "the difference in mean program cost"
    fig, body = _figure(
        (max(13.0, 2.2 * len(ages) * len(arms) + 4), 7.8),
        f"{trial.title_prefix()}cost per additional secure child",
        f"Intention to treat, replicate 0, at each Strange Situation follow-up. Left: {cost_text} "
        f"(USD, 2010 prices) divided by the gain in the share secure. Right: number needed to treat (NNT), 1 / gain: "
        f"dyads treated for one more secure child. Where the arm has no more secure children than "
        f"{_arm_text(trial.reference)}, both are undefined.",
        trial.source_line())
    ax_cost, ax_nnt = body.subplots(1, 2)
    width = 0.8 / len(arms)
    undefined = 0
    for ax, column, fmt, ylabel in (
            (ax_cost, "cost_per_success", _usd, "Cost per additional secure child\n(USD, 2010 prices)"),
            (ax_nnt, "nnt", lambda v: f"{v:.1f}", "Number needed to treat (dyads)")):
        top = 0.0
        cells = []
        for a, arm in enumerate(arms):
            for i, age in enumerate(ages):
                r = idx[(c["age_months"][idx] == age) & (c["arm"][idx] == arm)]
                if not len(r):
                    continue
                v = float(c[column][r[0]])
                d = float(c["difference"][r[0]])
                cells.append((i + (a - (len(arms) - 1) / 2) * width, v, d, trial.arm_style(arm)["color"]))
                if math.isfinite(v):
                    top = max(top, v)
        top = top or 1.0
        for x, v, d, colour in cells:
            if math.isfinite(v):
                ax.bar(x, v, width=width * 0.9, color=colour, zorder=2)
                ax.text(x, v + top * 0.015, fmt(v), ha="center", va="bottom", fontsize=12, fontweight="bold")
            else:
                ax.bar(x, top * 0.999, width=width * 0.9, color="none", edgecolor=colour, hatch="//",
                       linewidth=0, alpha=0.35, zorder=1)
                ax.text(x, top * 0.5, f"undefined:\ngain {_signed(d * 100, 0)} pp\n(not positive)", ha="center",
                        va="center", fontsize=11, color=GREY, style="italic", rotation=90 if width < 0.5 else 0)
                if ax is ax_cost:
                    undefined += 1
        ax.set_xticks(range(len(ages)), [f"{a:g}" for a in ages])
        ax.set_xlim(-0.6, len(ages) - 0.4)
        ax.set_xlabel("Follow-up age (months)")
        ax.set_ylabel(ylabel)
        ax.set_ylim(0, top * 1.12)
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", length=0)
    from matplotlib.ticker import FuncFormatter
    ax_cost.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _usd(v)))
    ax_cost.set_title("Cost per additional secure child")
    ax_nnt.set_title("Number needed to treat")
    if len(arms) > 1:
        handles = [Patch(color=trial.arm_style(a)["color"], label=_arm_text(a)) for a in arms]
        ax_nnt.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    if undefined:
        notes.append(f"trial_cost: {undefined} arm x follow-up cell(s) with no gain in secure: cost and NNT undefined "
                     "(marked in the figure)")
    _save(fig, out_dir, "trial_cost", formats, written)


def plot_trial_power(trial: Trial, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    p = trial.power
    reps = int(np.nanmax(p["replicates"])) if p and len(p.get("replicates", [])) else 0
    if reps <= 1:
        notes.append("trial_power: skipped: one replicate (run with --replicates N, N > 1, for power)")
        return
    outcomes = [o for o in OUTCOME_INFO if (p["outcome"] == o).any()]
    series = [a for a in trial.arms if (p["arm"] == a).any()]
    fig, body = _figure(
        (4.3 * len(outcomes) + 2.5, 10.0),
        f"{trial.title_prefix()}power over {reps} replicate trials",
        f"The whole trial repeated {reps} times with different seeds. Top: intention-to-treat difference from "
        f"{_arm_text(trial.reference)}, mean over replicates (point) and the range of the middle 95% of replicates "
        f"(2.5th to 97.5th percentile; bar). Bottom: power, the share of replicates with a significant difference "
        f"(p < 0.05); the dashed line marks the usual target of 80%."
        + (" With few replicates both are rough." if reps < 50 else ""),
        trial.source_line())
    axes = body.subplots(2, len(outcomes), squeeze=False, sharex="col")
    width = 0.7 / max(1, len(series))
    for k, outcome in enumerate(outcomes):
        _, kind, what, _, unit = OUTCOME_INFO[outcome]
        scale = 100.0 if kind == "share" else 1.0
        idx = np.flatnonzero(p["outcome"] == outcome)
        ages = _ages_in(p, idx)
        ax, pax = axes[0][k], axes[1][k]
        for s, arm in enumerate(series):
            style = trial.arm_style(arm)
            off = (s - (len(series) - 1) / 2) * width
            xs, mean, lo, hi, pw = [], [], [], [], []
            for i, age in enumerate(ages):
                r = idx[(p["age_months"][idx] == age) & (p["arm"][idx] == arm)]
                if not len(r):
                    continue
                r = r[0]
                xs.append(i + off)
                mean.append(float(p["mean_difference"][r]) * scale)
                lo.append(float(p["difference_q025"][r]) * scale)
                hi.append(float(p["difference_q975"][r]) * scale)
                pw.append(float(p["power"][r]) * 100)
            mean, lo, hi = np.array(mean), np.array(lo), np.array(hi)
            ax.errorbar(xs, mean, yerr=np.clip([mean - lo, hi - mean], 0, None), fmt=style["marker"],
                        color=style["color"], markersize=9, elinewidth=2.4, capsize=6, capthick=2, zorder=3)
            pax.bar(xs, pw, width=width * 0.9, color=style["color"], zorder=2, label=_arm_text(arm))
            for x, v in zip(xs, pw):
                pax.text(x, v + 1.5, f"{v:.0f}%", ha="center", va="bottom", fontsize=12, fontweight="bold")
        ax.axhline(0, color="black", linewidth=1.2, zorder=1)
        ax.set_title(f"{what[0].upper()}{what[1:]}")
        ax.set_ylabel(f"Difference from reference\n({unit})" if k == 0 else unit)
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
        pax.axhline(80, color=GREY, linestyle="--", linewidth=1.4, zorder=1)
        _percent_axis(pax, 112)
        pax.set_yticks(range(0, 101, 20))
        pax.spines["left"].set_bounds(0, 100)
        pax.set_xticks(range(len(ages)), [f"{a:g}" for a in ages])
        pax.set_xlim(-0.6, len(ages) - 0.4)
        pax.set_xlabel("Follow-up age (months)")
        pax.tick_params(axis="x", length=0)
        pax.yaxis.grid(True)
        pax.set_axisbelow(True)
        if k == 0:
            pax.set_ylabel("Power (% of replicates\nsignificant)")
        else:
            pax.tick_params(labelleft=False)
    if len(series) > 1:
        axes[1][-1].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    _save(fig, out_dir, "trial_power", formats, written)


TRIAL_PLOTTERS = (plot_trial_arms, plot_trial_moderators, plot_trial_cost, plot_trial_power)


# --------------------------------------------------------------------------------------------------
# Sweep files (/points): sweep_heatmap
# --------------------------------------------------------------------------------------------------

SWEEP_FIXED = ("point", "replicate", "seed", "set")


def _attr_text(v) -> str:
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


class Sweep:
    """A sweep file (/points), open for reading."""

    def __init__(self, path: str, h5file):
        self.path = path
        p = h5file["points"]
        meta = h5file["meta"].attrs if "meta" in h5file else {}
        columns = _attr_text(p.attrs["columns"]).split() if "columns" in p.attrs else list(p.keys())
        self.factors = [c for c in _attr_text(meta.get("factors", "")).split() if c in p]
        self.outcomes = [c for c in _attr_text(meta.get("outcomes", "")).split() if c in p]
        if not self.factors:
            self.factors = [c for c in columns if c in p and
                            _attr_text(p[c].attrs.get("description", "")).startswith("Factor")]
        if not self.outcomes:
            self.outcomes = [c for c in columns if c in p and c not in SWEEP_FIXED and c not in self.factors
                             and p[c].dtype.kind == "f"]
        self.data = {c: p[c][()] for c in self.factors + self.outcomes + ["point", "replicate"] if c in p}
        self.units = {c: _attr_text(p[c].attrs.get("units", "")) for c in self.factors + self.outcomes}
        self.descriptions = {c: _attr_text(p[c].attrs.get("description", "")) for c in self.factors + self.outcomes}
        self.runs = len(self.data[self.outcomes[0]]) if self.outcomes else 0
        self.replicates = int(meta["replicates"]) if "replicates" in meta else \
            (int(self.data["replicate"].max()) + 1 if "replicate" in self.data and self.runs else 1)
        self.meta = {k: meta[k] for k in ("attachsim_version", "sweep_file", "seed", "git_commit") if k in meta}

    def sampling(self, factor: str) -> str:
        m = re.match(r"Factor \(([^)]*)\)", self.descriptions.get(factor, ""))
        return m.group(1) if m else ""

    def default_outcome(self) -> str:
        for o in self.outcomes:
            if "share_B" in o:
                return o
        return self.outcomes[0]

    def source_line(self) -> str:
        parts = [os.path.basename(self.path)]
        if "sweep_file" in self.meta:
            parts.append(str(_attr_text(self.meta["sweep_file"])))
        if "seed" in self.meta:
            parts.append(f"seed {int(self.meta['seed'])}")
        parts.append(f"{self.runs:,} runs")
        if "attachsim_version" in self.meta:
            version = f"attachsim {_attr_text(self.meta['attachsim_version'])}"
            if "git_commit" in self.meta:
                version += f" ({_attr_text(self.meta['git_commit'])})"
            parts.append(version)
        return "Source: " + " · ".join(parts)


def _is_share(sweep: Sweep, outcome: str) -> bool:
    return sweep.units.get(outcome) == "proportion"


def _outcome_label(sweep: Sweep, outcome: str) -> str:
    desc = sweep.descriptions.get(outcome, "").rstrip(".")
    unit = "%" if _is_share(sweep, outcome) else sweep.units.get(outcome, "")
    text = desc or outcome
    text = re.sub(r"\bat (\d+(?:p\d+)?)m\b", lambda mm: f"at {age_from_label(mm.group(1) + 'm'):g} months", text)
    return f"{text} ({unit})" if unit else text


def _factor_label(sweep: Sweep, factor: str, wrap: bool = False) -> str:
    unit = sweep.units.get(factor, "").replace("^2", "²")
    return (f"{factor}\n({unit})" if wrap else f"{factor} ({unit})") if unit else factor


def _fmt_value(v: float, share: bool) -> str:
    if not math.isfinite(v):
        return "n/a"
    if share:
        return f"{v * 100:.0f}%" if abs(v) >= 0.1 else f"{v * 100:.1f}%"
    return _num(v, 2) if abs(v) < 10 else _num(v, 1)


def _tick(v: float) -> str:
    return f"{v:.4g}".replace("-", MINUS)


def plot_sweep_heatmap(sweep: Sweep, out_dir: str, formats: list[str], written: list[str], notes: list[str],
                       outcome: str | None = None):
    if not sweep.factors or not sweep.outcomes or not sweep.runs:
        notes.append("sweep_heatmap: skipped: /points has no factor or no outcome column")
        return
    outcome = outcome or sweep.default_outcome()
    share = _is_share(sweep, outcome)
    scale = 100.0 if share else 1.0
    y_all = sweep.data[outcome].astype(float)
    rest = sweep.factors[2:]
    rest_text = (f" The other factor{'s' if len(rest) > 1 else ''} ({', '.join(rest)}) "
                 f"{'are' if len(rest) > 1 else 'is'} averaged over.") if rest else ""
    per = f"{sweep.replicates} replicate{'s' if sweep.replicates != 1 else ''}"
    title_what = _outcome_label(sweep, outcome).split(" (")[0]

    if len(sweep.factors) == 1:
        f1 = sweep.factors[0]
        x_all = sweep.data[f1].astype(float)
        xs = np.unique(x_all[np.isfinite(x_all)])
        fig, body = _figure(
            (12, 7.6), f"{title_what} by {f1}",
            f"Each small dot is one run of the sweep ({per} at each of {len(xs)} settings of {f1}); the line joins the "
            f"means over replicates and the band spans the lowest to the highest replicate.", sweep.source_line())
        ax = body.subplots()
        mean = np.array([np.nanmean(y_all[x_all == x]) for x in xs]) * scale
        low = np.array([np.nanmin(y_all[x_all == x]) for x in xs]) * scale
        high = np.array([np.nanmax(y_all[x_all == x]) for x in xs]) * scale
        ax.fill_between(xs, low, high, color="#0072B2", alpha=0.18, linewidth=0, zorder=1, label="replicate range")
        ax.scatter(x_all, y_all * scale, s=22, color="#0072B2", alpha=0.5, linewidths=0, zorder=2, label="one run")
        ax.plot(xs, mean, color="#0072B2", linewidth=3, marker="o", markersize=7, zorder=3, label="mean")
        ax.set_xlabel(_factor_label(sweep, f1))
        ax.set_ylabel(_outcome_label(sweep, outcome))
        if share:
            from matplotlib.ticker import FuncFormatter
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}%"))
        ax.grid(True)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
        _save(fig, out_dir, "sweep_heatmap", formats, written)
        return

    f1, f2 = sweep.factors[:2]
    x_all, y2_all = sweep.data[f1].astype(float), sweep.data[f2].astype(float)
    xs, ys = np.unique(x_all), np.unique(y2_all)
    combos = {(a, b) for a, b in zip(x_all, y2_all)}
    grid = len(xs) > 1 and len(ys) > 1 and len(combos) == len(xs) * len(ys)
    cmap = "viridis"   # perceptually uniform and colour-blind safe
    if grid:
        z = np.full((len(ys), len(xs)), math.nan)
        for j, b in enumerate(ys):
            for i, a in enumerate(xs):
                sel = (x_all == a) & (y2_all == b) & np.isfinite(y_all)
                if sel.any():
                    z[j, i] = float(y_all[sel].mean())
        fig, body = _figure(
            (max(11.5, 1.45 * len(xs) + 6), max(7.4, 0.75 * len(ys) + 4.6)),
            f"{title_what}: {f1} × {f2}",
            f"Mean over the {per} of each grid point ({len(xs)} × {len(ys)} points); the number in each cell is the "
            f"mean.{rest_text} Lighter cells are higher.", sweep.source_line())
        ax = body.subplots()
        im = ax.pcolormesh(np.arange(len(xs) + 1) - 0.5, np.arange(len(ys) + 1) - 0.5, z * scale, cmap=cmap,
                           shading="flat", edgecolors="white", linewidth=2)
        import matplotlib.colors as mcolors
        norm = im.norm
        big = len(xs) * len(ys) <= 150
        for j in range(len(ys)):
            for i in range(len(xs)):
                v = z[j, i]
                if not math.isfinite(v):
                    ax.text(i, j, "n/a", ha="center", va="center", color=GREY, fontsize=12)
                    continue
                if big:
                    r, g, b, _ = mcolors.to_rgba(im.cmap(norm(v * scale)))
                    light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45
                    ax.text(i, j, _fmt_value(v, share), ha="center", va="center", fontsize=13 if len(xs) <= 8 else 10,
                            fontweight="bold", color="black" if light else "white")
        ax.set_xticks(range(len(xs)), [_tick(v) for v in xs])
        ax.set_yticks(range(len(ys)), [_tick(v) for v in ys])
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_xlim(-0.5, len(xs) - 0.5)
        ax.set_ylim(-0.5, len(ys) - 0.5)
    else:
        pts = sweep.data.get("point")
        keys = np.unique(pts) if pts is not None else np.arange(sweep.runs)
        px, py, pz = [], [], []
        for k in keys:
            sel = (pts == k) if pts is not None else (np.arange(sweep.runs) == k)
            px.append(float(x_all[sel][0]))
            py.append(float(y2_all[sel][0]))
            pz.append(float(np.nanmean(y_all[sel])) if np.isfinite(y_all[sel]).any() else math.nan)
        px, py, pz = np.array(px), np.array(py), np.array(pz)
        how = ", ".join(sorted({s for s in (sweep.sampling(f1), sweep.sampling(f2)) if s})) or "sampled"
        fig, body = _figure(
            (12, 8.4), f"{title_what}: {f1} × {f2}",
            f"Each dot is one design point ({len(px)} points, {how} sampling), coloured by the mean of the outcome "
            f"over its {per}.{rest_text}", sweep.source_line())
        ax = body.subplots()
        ok = np.isfinite(pz)
        size = float(np.clip(9000 / max(len(px), 1), 25, 260))
        im = ax.scatter(px[ok], py[ok], c=pz[ok] * scale, cmap=cmap, s=size, edgecolors="white", linewidths=0.8,
                        zorder=2)
        if (~ok).any():
            ax.scatter(px[~ok], py[~ok], s=size, facecolors="none", edgecolors=GREY, zorder=2)
        ax.grid(True)
        ax.set_axisbelow(True)
    ax.set_xlabel(_factor_label(sweep, f1))
    ax.set_ylabel(_factor_label(sweep, f2, wrap=True))
    bar = body.colorbar(im, ax=ax, fraction=0.05, pad=0.02)
    bar.set_label(_outcome_label(sweep, outcome))
    if share:
        from matplotlib.ticker import FuncFormatter
        bar.formatter = FuncFormatter(lambda v, _: f"{v:.0f}%")
        bar.update_ticks()
    _save(fig, out_dir, "sweep_heatmap", formats, written)


# --------------------------------------------------------------------------------------------------
# What kind of file, and the command line
# --------------------------------------------------------------------------------------------------

def open_result(path: str):
    """Opens an HDF5 file for reading, or raises PlotError naming the file."""
    if not os.path.exists(path):
        partial = os.path.exists(path + ".partial")
        raise PlotError(f"{path}: no such file" + (" (only a .partial file: the run is unfinished or was killed)"
                                                   if partial else ""))
    if os.path.isdir(path):
        raise PlotError(f"{path}: is a directory, not an HDF5 file")
    import h5py
    try:
        if not h5py.is_hdf5(path):
            raise PlotError(f"{path}: not an HDF5 file (an attachsim result is written by `attachsim run`)")
        return h5py.File(path, "r")
    except PlotError:
        raise
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


def default_out_dir(path: str) -> str:
    stem = os.path.basename(path)
    stem = stem[:-3] if stem.endswith(".h5") else stem
    return os.path.join(os.path.dirname(os.path.abspath(path)), f"{stem}-figures")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scripts/plot",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Draw the figures that fit an attachsim output file (PNG and SVG by default).",
        epilog="For a run file (/dyads): attachment_classes, working_models (needs /timeseries: run with\n"
               "--set run.timeseries=true), sensitivity_security, risk, transmission (needs a Strange\n"
               "Situation), infant_to_adult (needs /generations/adult_aai: run.generations > 1 or\n"
               "adulthood.follow: true), childhood_outcomes and protective_factor (need /childhood:\n"
               "preschool.ages_months). For a trial file (/trial):\n"
               "trial_arms, trial_moderators, trial_cost and, with more than one replicate, trial_power.\n"
               "For a sweep file (/points): sweep_heatmap (--outcome picks the outcome). Other attachsim\n"
               "files have no plots yet (a one-line message, exit 0).\n"
               "Prints the files written, one per line. Exit codes: 0 done; 2 missing or unreadable file,\n"
               "not an HDF5 file, bad option or unwritable directory.")
    p.add_argument("result", metavar="RESULT.h5", help="an attachsim output file")
    p.add_argument("-o", "--out", default=None, metavar="DIR",
                   help="directory for the figures, created if needed (default: RESULT-figures next to the file)")
    p.add_argument("--format", dest="formats", type=_formats, default=list(DEFAULT_FORMATS), metavar="LIST",
                   help=f"comma-separated formats among {', '.join(FORMATS)} (default {','.join(DEFAULT_FORMATS)})")
    p.add_argument("--outcome", default=None, metavar="NAME",
                   help="sweep files: the outcome of the heat map (default: the first whose name contains "
                        "'share_B', else the first outcome)")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass
    args = _parser().parse_args(argv)
    out_dir = args.out if args.out else default_out_dir(args.result)
    try:
        written, notes = plot_file(args.result, out_dir, args.formats, args.outcome)
    except PlotError as e:
        print(f"plot: error: {e}", file=sys.stderr)
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
