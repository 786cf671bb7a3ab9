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
  sweep file (/points)      no plots yet (exit 0)
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
    return "other"


PLOTTERS = (plot_attachment_classes, plot_working_models, plot_sensitivity_security, plot_risk)


def plot_file(path: str, out_dir: str, formats: list[str]) -> tuple[list[str], list[str]]:
    """Draws every figure that fits the file. Returns (paths written, notes about figures skipped).
    A file with no plots yet raises NoPlots (its message is the one-line note for the user)."""
    with open_result(path) as f:
        kind = kind_of(f)
        if kind == "sweep":
            raise NoPlots(f"no plots yet for sweep files (/points): {path}")
        if kind == "other":
            groups = sorted(f.keys())
            is_ours = "meta" in f and "attachsim_version" in f["meta"].attrs
            if not is_ours:
                raise PlotError(f"{path}: not an attachsim result (no /dyads, /points or /meta with attachsim_version; "
                                f"top-level: {', '.join(groups) or 'nothing'})")
            what = ", ".join("/" + g for g in groups)
            raise NoPlots(f"no plots yet for this kind of attachsim file ({what}): {path}")
        try:
            os.makedirs(out_dir, exist_ok=True)
        except OSError as e:
            raise PlotError(f"cannot create the output directory {out_dir}: {e.strerror or e}") from None
        run = Run(path, f)
        written: list[str] = []
        notes: list[str] = []
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
               "--set run.timeseries=true), sensitivity_security and risk. Sweep files (/points) and other\n"
               "attachsim files have no plots yet (a one-line message, exit 0).\n"
               "Prints the files written, one per line. Exit codes: 0 done; 2 missing or unreadable file,\n"
               "not an HDF5 file, bad option or unwritable directory.")
    p.add_argument("result", metavar="RESULT.h5", help="an attachsim output file")
    p.add_argument("-o", "--out", default=None, metavar="DIR",
                   help="directory for the figures, created if needed (default: RESULT-figures next to the file)")
    p.add_argument("--format", dest="formats", type=_formats, default=list(DEFAULT_FORMATS), metavar="LIST",
                   help=f"comma-separated formats among {', '.join(FORMATS)} (default {','.join(DEFAULT_FORMATS)})")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass
    args = _parser().parse_args(argv)
    out_dir = args.out if args.out else default_out_dir(args.result)
    try:
        written, notes = plot_file(args.result, out_dir, args.formats)
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
