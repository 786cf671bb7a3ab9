"""Figures of a trial file (/trial): trial_arms (shares and means per arm and follow-up with intervals),
trial_moderators (individual effects from the counterfactual twins, by moderator), trial_cost (cost per
additional secure child and NNT), trial_power (with replicates) and trial_economics (with an economics
file: program cost against projected benefits, and the benefit-cost ratio)."""

from __future__ import annotations

import math
import re

import numpy as np

from .. import statistics
from ..statistics import Z95

from .frame import (
    GREY, MINUS, PlotError, _decode, _figure, _n, _percent_axis, _save, _signed, _table, _unique_in_order,
    age_label, age_text, source_line)


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
        self.economics = _table(t["economics"]["summary"]) if "economics" in t and "summary" in t["economics"] else {}
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
        twins under that arm (1/0 for shares), among those assessed (a Strange Situation with a figure
        an infant lacks leaves it unclassified, and /trial's contrasts leave it out too). None if the file
        does not hold what is needed."""
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
        if outcome in ("secure", "disorganized", "security"):
            assessed = _decode(group[f"ssp_{label}_class"][()])[mine] != ""
            values = values[assessed]
        if outcome in ("secure", "disorganized"):
            return (values == ("B" if outcome == "secure" else "D")).astype(float)
        values = values.astype(float)
        return values[np.isfinite(values)]

    def source_line(self) -> str:
        parts = [str(self.meta["trial_file"])] if "trial_file" in self.meta else []
        if "seed" in self.meta:
            parts.append(f"seed {int(self.meta['seed'])}")
        if "replicates" in self.meta:
            r = int(self.meta["replicates"])
            parts.append(f"{r} replicate{'s' if r != 1 else ''}")
        return source_line(self.path, self.meta, parts)

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
    """(value, low, high) of an arm's ITT estimate: Wilson for shares, t for means, from the twins
    of replicate 0 when the file holds them (else no interval)."""
    kind = OUTCOME_INFO[outcome][1]
    x = trial.sample(arm, outcome, age)
    if x is not None and len(x) and (kind == "share" or len(x) >= 2):
        if kind == "share":
            lo, hi = statistics.wilson(int(round(x.sum())), len(x))
            return float(x.mean()), lo, hi
        return tuple(statistics.mean(x))
    if kind == "share" and n and math.isfinite(value):
        lo, hi = statistics.wilson(int(round(value * n)), int(n))
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
        f"means at each follow-up; bars are 95% intervals (Wilson for shares, t for means). A star marks a "
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
    if not outcomes:
        notes.append("trial_power: skipped: no Strange Situation or sensitivity follow-up (the figure shows those "
                     "outcomes; /trial/power holds every outcome)")
        return
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


def plot_trial_economics(trial: Trial, out_dir: str, formats: list[str], written: list[str], notes: list[str]):
    e = trial.economics
    if not e:
        notes.append("trial_economics: skipped: no /trial/economics (name an economics file in the trial or "
                     "with --economics)")
        return
    arms = [a for a in trial.arms if (e["arm"] == a).any()]
    links = _unique_in_order(l for l in e["link"] if l)

    def value(arm, analysis, link, quantity, column="value"):
        r = trial.rows(e, arm=arm, analysis=analysis, link=link, quantity=quantity)
        return float(e[column][r[0]]) if len(r) else math.nan

    fig, body = _figure(
        (max(13.0, 3.2 * len(arms) + 7), 7.8),
        f"{trial.title_prefix()}what the programs cost and what they are projected to save",
        "Per family, present values in 2010 US dollars. Left: the program's added cost (simulated) beside the later "
        "costs it is projected to avoid, by link (hatched: projected beyond the simulated span with published chances "
        "and prices); counterfactual twins (every enrolled family under both arms). Whiskers: 95% over replicates and "
        "prices. Right: benefit-cost ratio, by intention to treat (circle) and twins (square); above the dashed line "
        "a program pays for itself through the priced outcomes.",
        trial.source_line())
    ax, rax = body.subplots(1, 2, gridspec_kw={"width_ratios": [2, 1]})
    hatches = ("//", "\\\\", "xx", "..", "++")
    width = 0.38
    negative = []
    for a, arm in enumerate(arms):
        colour = trial.arm_style(arm)["color"]
        cost = value(arm, "twins", "", "program_cost_difference")
        ax.bar(a - width / 2, cost, width=width * 0.95, color=colour, zorder=2)
        ax.text(a - width / 2, cost, f"{_usd(cost)}\ncost", ha="center", va="bottom", fontsize=11)
        bottom = 0.0
        for k, link in enumerate(links):
            b = value(arm, "twins", link, "benefit")
            if not math.isfinite(b) or b <= 0:
                if math.isfinite(b) and b < 0:
                    negative.append(f"{_arm_text(arm)}: {link.replace('_', ' ')} {_usd(b)}")
                continue
            ax.bar(a + width / 2, b, bottom=bottom, width=width * 0.95, color="white", edgecolor=colour,
                   hatch=hatches[k % len(hatches)], linewidth=1.5, zorder=2)
            bottom += b
        total = value(arm, "twins", "", "benefits")
        lo, hi = value(arm, "twins", "", "benefits", "low"), value(arm, "twins", "", "benefits", "high")
        if math.isfinite(lo):
            ax.errorbar(a + width / 2, total, yerr=[[max(0.0, total - lo)], [max(0.0, hi - total)]], color="black",
                        capsize=6, elinewidth=1.8, zorder=3)
        ax.text(a + width / 2, max(total, hi if math.isfinite(hi) else total), f"{_usd(total)}\nsaved",
                ha="center", va="bottom", fontsize=11)
        for analysis, marker, dx in (("itt", "o", -0.12), ("twins", "s", 0.12)):
            ratio = value(arm, analysis, "", "benefit_cost_ratio")
            lo, hi = value(arm, analysis, "", "benefit_cost_ratio", "low"), value(arm, analysis, "", "benefit_cost_ratio", "high")
            if not math.isfinite(ratio):
                continue
            yerr = [[max(0.0, ratio - lo)], [max(0.0, hi - ratio)]] if math.isfinite(lo) else None
            rax.errorbar(a + dx, ratio, yerr=yerr, fmt=marker, color=colour, markersize=10, capsize=6, elinewidth=2)
    ax.set_xticks(range(len(arms)), [_arm_text(a) for a in arms])
    ax.set_ylabel("Per family (USD, 2010 prices, present value)")
    from matplotlib.ticker import FuncFormatter
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _usd(v)))
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.15)
    if links:
        from matplotlib.patches import Patch
        handles = [Patch(facecolor="white", edgecolor="black", hatch=hatches[k % len(hatches)], label=l.replace("_", " "))
                   for k, l in enumerate(links)]
        ax.legend(handles=handles, title="projected savings by link", loc="upper right")
    if negative:
        notes.append("trial_economics: links with projected costs added rather than saved (not stacked; they lower "
                     "the total): " + "; ".join(negative))
    rax.axhline(1, color=GREY, linestyle="--", linewidth=1.4)
    rax.axhline(0, color="black", linewidth=1)
    rax.set_xticks(range(len(arms)), [_arm_text(a) for a in arms])
    rax.set_xlim(-0.6, len(arms) - 0.4)
    rax.set_ylabel("Benefit-cost ratio (projected)")
    rax.yaxis.grid(True)
    rax.set_axisbelow(True)
    notes.append("trial_economics: benefits are projected beyond the simulated span by the economics file "
                 "(/meta economics_file); program costs are simulated")
    _save(fig, out_dir, "trial_economics", formats, written)


TRIAL_PLOTTERS = (plot_trial_arms, plot_trial_moderators, plot_trial_cost, plot_trial_power, plot_trial_economics)


# --------------------------------------------------------------------------------------------------
