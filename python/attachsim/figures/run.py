"""Figures of a run file (/dyads): attachment_classes (with the published shares of the population's
kind of sample where the calibration targets have them), working_models (from /timeseries),
sensitivity_security (with the line the published correlation would give) and risk. Runs of several
generations pool them, and every figure says so."""

from __future__ import annotations

import math

import numpy as np

from .. import statistics
from ..result import unmeasured
from . import references as references_

from .frame import (
    CLASSES, CLASS_COLOURS, CLASS_NAMES, FEW, GREY, PlotError, RISK_GROUPS, SAMPLE_INFANTS, SAMPLE_SEED,
    SCATTER_MAX_POINTS, TEXT_ON, UNCLASSIFIED_COLOUR, _AGE_RE, _age_labels, _count, _figure, _n, _num,
    _percent_axis, _save, _signed, age_from_label, age_text, ages_text, class_label, source_line)


def _generations(meta) -> int:
    """run.generations from the resolved config in /meta (1 when it is not there)."""
    import yaml
    text = meta["config_yaml"] if "config_yaml" in meta else ""
    text = text.decode() if isinstance(text, bytes) else str(text)
    try:
        return int(((yaml.safe_load(text) or {}).get("run") or {}).get("generations", 1))
    except (yaml.YAMLError, AttributeError, TypeError, ValueError):
        return 1


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
        self.generations = _generations(meta)

    def pooled_text(self) -> str:
        """' All 3 generations are pooled (900 dyads).' for a run of several generations, else ''."""
        if self.generations <= 1:
            return ""
        return (f" All {self.generations} generations are pooled ({_count(self.n)} dyads, "
                f"{_count(self.n // self.generations)} per generation).")

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
        data = self.dyads[name][()]
        missing = unmeasured(self.dyads, name)   # an assessment not given: NaN, not its 0
        if missing is not None and missing.any() and data.dtype.kind not in "SO":
            data = data.astype(float)
            data[missing] = np.nan
        return data

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
        parts = [str(self.meta["config_file"])] if "config_file" in self.meta else []
        if "seed" in self.meta:
            parts.append(f"seed {int(self.meta['seed'])}")
        return source_line(self.path, self.meta, parts)



# --------------------------------------------------------------------------------------------------
# 1. attachment_classes: A/B/C/D shares with Wilson intervals at each Strange Situation age
# --------------------------------------------------------------------------------------------------

POPULATION_WORDS = {"normative_low_risk": "normative low-risk samples",
                    "high_risk.global_mixed_samples": "samples of all risk levels pooled"}


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
    references = {label: references_.class_shares(run.meta, run.generations, label) for label, _, _ in data}
    shown = next((ref for ref in references.values() if ref), None)
    reference_text = (f" Open diamonds: the published shares of {POPULATION_WORDS[references_.population(run.meta, 1)]} "
                      f"({references_.short_source(shown.source)}), with their tolerance of ±{shown.tolerance * 100:.0f} "
                      "points (docs/calibration.md)." if shown else "")
    fig, body = _figure(
        (max(11.0, 4.6 * panels + 2), 7.2),
        f"Attachment classifications in the Strange Situation ({_n(n_all)} infants)",
        f"Percentage of simulated infants classified avoidant (A), secure (B), resistant (C) or disorganized (D) "
        f"in the Strange Situation at {ages_text(run.ssp_labels)}. Error bars: 95% Wilson confidence intervals "
        f"of each share.{reference_text}{run.pooled_text()}",
        run.source_line())
    axes = body.subplots(1, panels, sharey=True, squeeze=False)
    highest = 0.0
    for ax, (label, n, counts) in zip(axes[0], data):
        x = np.arange(len(CLASSES))
        shares = np.array([counts[c] / n if n else math.nan for c in CLASSES])
        ci = np.array([statistics.wilson(counts[c], n) for c in CLASSES])
        ax.bar(x, shares * 100, width=0.68, color=[CLASS_COLOURS[c] for c in CLASSES], zorder=2)
        yerr = np.clip([(shares - ci[:, 0]) * 100, (ci[:, 1] - shares) * 100], 0, None)   # no -1e-16 from rounding
        ax.errorbar(x, shares * 100, yerr=yerr, fmt="none",
                    ecolor="black", elinewidth=1.8, capsize=9, capthick=1.8, zorder=3)
        for xi, s, hi in zip(x, shares, ci[:, 1]):
            if math.isfinite(s):
                ax.text(xi, hi * 100 + 1.5, f"{s * 100:.1f}%", ha="center", va="bottom", fontsize=15,
                        fontweight="bold")
        highest = max(highest, float(np.nanmax(ci[:, 1])) if n else 0.0)
        ref = references[label]
        if ref:
            published = np.array([ref.value[c] for c in CLASSES]) * 100
            ax.errorbar(x + 0.45, published, yerr=ref.tolerance * 100, fmt="D", markersize=10, markerfacecolor="white",
                        markeredgecolor="black", markeredgewidth=1.8, ecolor="#888888", elinewidth=1.4, capsize=4,
                        zorder=4)
            highest = max(highest, float(published.max()) / 100 + ref.tolerance)
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
        f"Top: the infant's expectation that comfort will come when it cries plainly, for {len(rows)} sample infants (thin lines) and the "
        f"mean of every infant in the class (thick lines). Bottom: mean learned probability of each way of signalling "
        f"intense distress. {by} {_n(run.n)} infants.{run.pooled_text()}",
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
    ax.set_title("Working model: will comfort come when the infant asks plainly?", loc="left")
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
    r, lo, hi = statistics.pearson(x, y)

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
    ref = references_.correlation(run.meta, run.generations)
    ref_text = ""
    if ref:
        missed = not (math.isfinite(r) and abs(r - ref.value) <= ref.tolerance)
        ref_text = (f" Dashed: the line a correlation of r = {ref.value:g}, the published value in normative samples "
                    f"({references_.short_source(ref.source)}), would give with these spreads"
                    + ("; the model's r misses it, a known miss explained in docs/calibration.md." if missed and ref.known_miss
                       else "; the model's r misses it (docs/calibration.md)." if missed else "."))
    fig, body = _figure(
        (12, 8.2), f"Sensitivity and security: {r_text}, {_n(n)}",
        f"Each dot is one dyad: the caregiver's sensitivity observed at {age_text(age_from_label(sens))}{same_age} "
        f"against the infant's continuous security score in the Strange Situation at {age_text(age_from_label(ssp))}, "
        f"coloured by the infant's class. Pearson r with a 95% Fisher-z interval; security is jittered by less than "
        f"half a scale step so that dyads with equal scores stay visible.{subset}{ref_text}{run.pooled_text()}",
        run.source_line())
    ax = body.subplots()
    ax.scatter(x[shown], y[shown] + jitter, c=colours, s=size, alpha=alpha, linewidths=0, zorder=2, rasterized=True)
    slope = intercept = math.nan
    if math.isfinite(r):
        slope, intercept = np.polyfit(x, y, 1)
        xs = np.array([max(1.0, x.min()), min(9.0, x.max())])
        ax.plot(xs, intercept + slope * xs, color="black", linewidth=3.2, zorder=3,
                path_effects=[pe.Stroke(linewidth=5.5, foreground="white"), pe.Normal()])
        if ref:
            ref_slope = ref.value * float(y.std()) / float(x.std())
            ax.plot(xs, y.mean() + ref_slope * (xs - x.mean()), color="black", linewidth=2.4, linestyle=(0, (5, 3)),
                    zorder=3, path_effects=[pe.Stroke(linewidth=4.5, foreground="white"), pe.Normal()])
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
    if ref and math.isfinite(slope):
        handles.append(Line2D([], [], color="black", linewidth=2.4, linestyle=(0, (5, 3)),
                              label=f"published r = {ref.value:g}\n(normative samples)"))
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
        f"risk indicators their family has ({', '.join(indicators)}). n = infants in each group.{run.pooled_text()}",
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
