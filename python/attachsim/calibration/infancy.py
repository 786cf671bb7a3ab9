"""Calibration rows of infancy (configs/calibration/targets.yaml): Strange Situation shares of the
normative and mixed populations, the sensitivity-security correlation, postpartum depression, and
the high- versus low-risk effects as Cohen's d.

Statistics (from attachsim.statistics; intervals 95%):
  shares            Wilson score interval; SE for --test widening sqrt(p(1-p)/n)
  correlation       Pearson r, Fisher-z interval; SE for --test widening (1-r^2)/sqrt(n-3)
  depression        mean of depression_first_year_share with its t interval
  risk effects      Cohen's d from the odds ratio, d = ln(OR) * sqrt(3)/pi (Chinn 2000), with
                    SE(ln OR) = sqrt(1/a + 1/b + 1/c + 1/d); if a cell is empty, 0.5 is added to
                    every cell (Haldane-Anscombe) and the row says so
"""

from __future__ import annotations

import math

import numpy as np

from .. import statistics
from ..statistics import Z95
from .population import Population
from .rows import Row, _fmt, _tolerance_text, _within
from .targets import CalibrationError, lookup


CLASSES = ("A", "B", "C", "D")
MANY_RISKS = 5            # "five or more risks"
MIN_SUBGROUP_N = 20       # below this the five-or-more-risks effect is not estimated
ASSUMED_MIXED_TOLERANCE = 0.05


def _share_rows(pop: Population, age: str, targets: dict, prefix: str, label: str, test_mode: bool,
                tolerance_key: str | None, assumed: float | None) -> list[Row]:
    classes = pop.classes(age)
    n = len(classes)
    other = sorted(set(np.unique(classes)) - set(CLASSES))
    tol = lookup(targets, f"{prefix}.{tolerance_key}", required=assumed is None) if tolerance_key else None
    tol_note = ""
    if tol is None:
        tol, tol_note = assumed, " assumed"
    rows = []
    for k in CLASSES:
        target = lookup(targets, f"{prefix}.{k}")
        count = int(np.sum(classes == k))
        p = count / n if n else math.nan
        se = math.sqrt(p * (1 - p) / n) if n else math.nan
        extra = Z95 * se if test_mode else None
        notes = [f"{count} of {n}"]
        if other:
            notes.append(f"other labels present: {', '.join(other)}")
        if tol_note and k == CLASSES[0]:
            notes.append(f"targets.yaml gives no tolerance for these shares: ±{tol:g} assumed")
        rows.append(Row(f"{label} {k} share at {age}", p, statistics.wilson(count, n), f"{target:g}",
                        _tolerance_text(tol, extra, tol_note), _within(p, target, tol + (extra or 0)), notes))
    return rows


def _correlation_row(pop: Population, age: str, targets: dict, test_mode: bool) -> Row:
    key = "normative_low_risk.sensitivity_security_correlation"
    target, tol = lookup(targets, f"{key}.r"), lookup(targets, f"{key}.tolerance_abs")
    sens_name = pop.sensitivity_column(age)
    x = np.asarray(pop.column(sens_name), dtype=float)
    y = np.asarray(pop.column(f"ssp_{age}_security"), dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    n = int(ok.sum())
    notes = [f"{sens_name} vs ssp_{age}_security, n = {n}"]
    if n < len(x):
        notes.append(f"{len(x) - n} dyads without a finite value left out")
    if n < 4 or np.std(x[ok]) == 0 or np.std(y[ok]) == 0:
        notes.append("not estimable (too few dyads or no variance)")
        return Row("sensitivity-security correlation r (normative)", None, None, f"{target:g}",
                   _tolerance_text(tol, None), False, notes, "n/a")
    r, low, high = statistics.pearson(x, y)
    extra = Z95 * (1 - r * r) / math.sqrt(n - 3) if test_mode else None
    return Row("sensitivity-security correlation r (normative)", r, (low, high), f"{target:g}",
               _tolerance_text(tol, extra), _within(r, target, tol + (extra or 0)), notes)


def _depression_row(pop: Population, targets: dict, test_mode: bool) -> Row:
    low, high = lookup(targets, "normative_low_risk.postpartum_depression_point_prevalence.range", kind=list)
    x = np.asarray(pop.column("depression_first_year_share"), dtype=float)
    x = x[np.isfinite(x)]
    n = len(x)
    mean, low_ci, high_ci = statistics.mean(x)
    se = float(x.std(ddof=1)) / math.sqrt(n) if n > 1 else math.nan
    ci = (low_ci, high_ci)
    extra = Z95 * se if test_mode else 0.0
    tolerance = "within range" if not test_mode else f"range widened by ±{_fmt(extra)}"
    passed = math.isfinite(mean) and low - extra - 1e-12 <= mean <= high + extra + 1e-12
    return Row("postpartum depression point prevalence, first year (normative)", mean, ci,
               f"{low:g}–{high:g}", tolerance, passed,
               [f"mean of depression_first_year_share, n = {n}; share depressed at any time in year 1: "
                f"{_fmt(float(np.mean(x > 0)) if n else math.nan)}"])


def _effect_row(label: str, target_key: str, targets: dict, exposed_events: np.ndarray,
                reference_events: np.ndarray, event_name: str, exposed_name: str, test_mode: bool,
                min_n: int = 0) -> Row:
    target = lookup(targets, f"high_risk.versus_low_risk.{target_key}")
    tol = lookup(targets, "high_risk.versus_low_risk.tolerance_d")
    n1, n0 = len(exposed_events), len(reference_events)
    small = None
    if n1 < max(min_n, 1):
        small = f"n too small ({exposed_name}: n = {n1} < {max(min_n, 1)})"
    elif n0 == 0:
        small = "n too small (normative: n = 0)"
    if small:
        return Row(label, None, None, f"{target:g}", _tolerance_text(tol, None), False,
                   [f"need at least {max(min_n, 1)} dyads to estimate d"], small)
    a, c = int(exposed_events.sum()), int(reference_events.sum())
    b, d = n1 - a, n0 - c
    eff = statistics.d_from_counts(a, b, c, d)
    extra = Z95 * eff.se if test_mode else None
    notes = [f"{event_name}: {exposed_name} {a}/{n1} = {_fmt(a / n1)}, normative {c}/{n0} = {_fmt(c / n0)}; "
             f"OR {eff.odds_ratio:.2f}"]
    if eff.corrected:
        notes.append("an empty cell: 0.5 added to every cell")
    return Row(label, eff.d, (eff.d - Z95 * eff.se, eff.d + Z95 * eff.se), f"{target:g}",
               _tolerance_text(tol, extra), _within(eff.d, target, tol + (extra or 0)), notes)


def ssp_age_from_targets(targets: dict) -> str:
    keys = [k for k in (targets.get("normative_low_risk") or {}) if k.startswith("strange_situation_")]
    if len(keys) != 1:
        raise CalibrationError("targets.yaml: expected exactly one normative_low_risk.strange_situation_<age> entry, "
                               f"found {keys or 'none'}")
    return keys[0][len("strange_situation_"):]


def compute_infancy_rows(targets: dict, pops: dict, test_mode: bool = False) -> list[Row]:
    """One row per target of targets.yaml; pops maps 'normative', 'high_risk' and 'mixed' to Population objects."""
    age = ssp_age_from_targets(targets)
    normative, high_risk, mixed = pops["normative"], pops["high_risk"], pops["mixed"]
    rows = _share_rows(normative, age, targets, f"normative_low_risk.strange_situation_{age}",
                       "normative", test_mode, "tolerance_abs", None)
    rows.append(_correlation_row(normative, age, targets, test_mode))
    rows.append(_depression_row(normative, targets, test_mode))

    norm_cls, high_cls = normative.classes(age), high_risk.classes(age)
    rows.append(_effect_row("high vs low risk: fewer secure (d)", "fewer_secure_d", targets,
                            high_cls != "B", norm_cls != "B", "insecure (not B)", "high risk", test_mode))
    rows.append(_effect_row("high vs low risk: more disorganized (d)", "more_disorganized_d", targets,
                            high_cls == "D", norm_cls == "D", "D", "high risk", test_mode))
    many = np.asarray(high_risk.column("risk_count")) >= MANY_RISKS
    rows.append(_effect_row(f"{MANY_RISKS}+ risks vs low risk: more disorganized (d)",
                            "five_or_more_risks_more_disorganized_d", targets, high_cls[many] == "D",
                            norm_cls == "D", "D", f"high risk with {MANY_RISKS}+ risks", test_mode,
                            min_n=MIN_SUBGROUP_N))
    rows += _share_rows(mixed, age, targets, "high_risk.global_mixed_samples", "mixed", test_mode,
                        "tolerance_abs", ASSUMED_MIXED_TOLERANCE)
    return rows


