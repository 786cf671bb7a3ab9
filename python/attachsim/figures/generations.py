"""Figures of later development and generations: transmission (caregiver AAI by infant class, per
generation), infant_to_adult (an infant's class against its own adult AAI), childhood_outcomes and
protective_factor (preschool ratings by infant class and by risk), from /generations and /childhood."""

from __future__ import annotations

import math
import re

import numpy as np

from .. import statistics

from .frame import (
    CLASSES, CLASS_COLOURS, CLASS_NAMES, FEW, GREY, NBSP, PlotError, _attr_text, _count, _decode, _figure,
    _n, _num, _save, _unique_in_order, age_from_label, age_text, ages_text)
from .run import Run, _spread_labels


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
    ("internalizing", "Internalizing problems", "withdraws from play, shows distress, clings", False),
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
    two = statistics.collapse_to_2x2(table)
    return (statistics.agreement(two), statistics.kappa(two).value)


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
            ci = np.array([statistics.wilson(int(round(v * m)), int(m)) if math.isfinite(v) and m > 0 else (math.nan, math.nan)
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
        n = np.array([tables[g].sum() for g in gens])   # dyads in the table: those whose infant was assessed
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
                a, b = statistics.mean_interval(mean, sd, n)
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
            ci = np.array([statistics.mean_interval(c[1], c[2], c[0]) for c in cells])
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
