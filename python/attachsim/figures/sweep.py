"""Figures of a sweep file (/points): sweep_heatmap (an outcome over the first two factors: a grid heat
map, a scatter for sampled designs, a line for one factor; factors of names on axes of their names) and
sweep_sobol (first-order and total Sobol indices of a Saltelli design, from attachsim.sensitivity)."""

from __future__ import annotations

import math
import re
import textwrap

import numpy as np

from .frame import GREY, MINUS, _attr_text, _figure, _num, _save, age_from_label, source_line


# Sweep files (/points): sweep_heatmap
# --------------------------------------------------------------------------------------------------

SWEEP_FIXED = ("point", "replicate", "seed", "set")




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
        # A factor of names (a mechanism such as learning.rule) is drawn on an axis of its levels, in the
        # order the sweep first uses them: its values become level numbers 0, 1, ... and ticks the names.
        self.levels = {}
        for c in self.factors:
            if c in self.data and self.data[c].dtype.kind in "SOU":
                names = [_attr_text(v) for v in self.data[c]]
                self.levels[c] = list(dict.fromkeys(names))
                self.data[c] = np.array([self.levels[c].index(v) for v in names], dtype=float)
        self.units = {c: _attr_text(p[c].attrs.get("units", "")) for c in self.factors + self.outcomes}
        self.descriptions = {c: _attr_text(p[c].attrs.get("description", "")) for c in self.factors + self.outcomes}
        self.runs = len(self.data[self.outcomes[0]]) if self.outcomes else 0
        self.replicates = int(meta["replicates"]) if "replicates" in meta else \
            (int(self.data["replicate"].max()) + 1 if "replicate" in self.data and self.runs else 1)
        self.meta = {k: meta[k] for k in ("attachsim_version", "sweep_file", "seed", "git_commit") if k in meta}

    def tick(self, factor: str, v: float) -> str:
        """The tick label of a factor's value: the level's name for a factor of names, else the number."""
        return self.levels[factor][int(v)] if factor in self.levels else _tick(v)

    def sampling(self, factor: str) -> str:
        m = re.match(r"Factor \(([^)]*)\)", self.descriptions.get(factor, ""))
        return m.group(1) if m else ""

    def default_outcome(self) -> str:
        for o in self.outcomes:
            if "share_B" in o:
                return o
        return self.outcomes[0]

    def source_line(self) -> str:
        parts = [str(_attr_text(self.meta["sweep_file"]))] if "sweep_file" in self.meta else []
        if "seed" in self.meta:
            parts.append(f"seed {int(self.meta['seed'])}")
        parts.append(f"{self.runs:,} runs")
        return source_line(self.path, self.meta, parts)


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
        if f1 in sweep.levels:
            ax.set_xticks(xs, [sweep.tick(f1, v) for v in xs])
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
        ax.set_xticks(range(len(xs)), [sweep.tick(f1, v) for v in xs])
        ax.set_yticks(range(len(ys)), [sweep.tick(f2, v) for v in ys])
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
    if not grid:   # a factor of names beside a sampled one: its level numbers get their names
        for factor, set_ticks, values in ((f1, ax.set_xticks, px), (f2, ax.set_yticks, py)):
            if factor in sweep.levels:
                levels = np.unique(values)
                set_ticks(levels, [sweep.tick(factor, v) for v in levels])
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


# --------------------------------------------------------------------------------------------------
# sweep_sobol: first-order and total Sobol indices of a Saltelli sweep
# --------------------------------------------------------------------------------------------------

SOBOL_PANELS = 6
FIRST_COLOUR, TOTAL_COLOUR = "#0072B2", "#9DC3E6"


def plot_sweep_sobol(sweep: Sweep, out_dir: str, formats: list[str], written: list[str], notes: list[str],
                     outcome: str | None = None):
    from ..sensitivity import DesignError, sobol
    if not any(sweep.sampling(f) == "saltelli" for f in sweep.factors):
        return   # only Saltelli designs have Sobol indices; other sweeps get the heat map alone
    try:
        table = sobol(sweep.path, [outcome] if outcome else None)
    except DesignError as e:
        notes.append(f"sweep_sobol: skipped: {e}")
        return
    crossed = [c for c in table.columns if c not in ("outcome", "factor", "first", "first_low", "first_high", "total",
                                                     "total_low", "total_high", "variance", "noise_share", "base_rows")]
    if crossed:
        first_key = tuple(table.iloc[0][crossed])
        notes.append(f"sweep_sobol: drawn for {', '.join(f'{k} = {v}' for k, v in zip(crossed, first_key))} only "
                     "(python3 -m attachsim sobol prints every level)")
        table = table[(table[crossed] == first_key).all(axis=1)]
    outcomes = list(dict.fromkeys(table["outcome"]))
    if len(outcomes) > SOBOL_PANELS:
        notes.append(f"sweep_sobol: the first {SOBOL_PANELS} of {len(outcomes)} outcomes drawn (--outcome NAME picks one)")
        outcomes = outcomes[:SOBOL_PANELS]
    factors = list(dict.fromkeys(table["factor"]))
    cols = min(3, len(outcomes))
    rows = math.ceil(len(outcomes) / cols)
    base = int(table["base_rows"].iloc[0])
    fig, body = _figure(
        (5.2 * cols + 3.5, (0.55 * len(factors) + 2.4) * rows + 2.6),
        "How much of each outcome's variance each factor explains (Sobol indices)",
        f"Dark bars: first-order index S (the factor alone); light bars: total index ST (with all its interactions), "
        f"each with its 95% bootstrap interval, from a Saltelli design of {base} base rows "
        f"({sweep.runs:,} runs; outcomes averaged over the {sweep.replicates} replicate(s) of each point).",
        sweep.source_line())
    axes = body.subplots(rows, cols, squeeze=False)
    for ax, name in zip(axes.flat, outcomes):
        part = table[table["outcome"] == name].set_index("factor").reindex(factors)
        y = np.arange(len(factors))[::-1]
        for offset, key, colour, label in ((0.18, "first", FIRST_COLOUR, "S first order"),
                                           (-0.18, "total", TOTAL_COLOUR, "ST total")):
            v = part[key].to_numpy()
            err = np.clip([v - part[f"{key}_low"].to_numpy(), part[f"{key}_high"].to_numpy() - v], 0, None)
            ax.barh(y + offset, v, height=0.34, color=colour, label=label, zorder=2)
            ax.errorbar(v, y + offset, xerr=err, fmt="none", ecolor="black", elinewidth=1.2, capsize=3, zorder=3)
        ax.set_yticks(y, factors)
        ax.set_xlim(min(0.0, float(np.nanmin(part["first_low"]))) - 0.02, 1.05)
        ax.axvline(0, color=GREY, linewidth=1)
        ax.xaxis.grid(True, zorder=0)
        noise = part["noise_share"].iloc[0]
        title = textwrap.fill(_outcome_label(sweep, name).split(" (")[0], 38)
        ax.set_title(title + ("" if not math.isfinite(noise) else f"\n(noise: {noise * 100:.0f}% of the variance)"),
                     fontsize=13)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.set_visible(False)
    _save(fig, out_dir, "sweep_sobol", formats, written)
