"""Calibration rows for later development and the next generation (configs/calibration/development_targets.yaml).

Computed from the per-row columns of a run of configs/generations.yaml (/dyads, /childhood and
/generations), independently of the run's own /summary:
  transmission      caregiver AAI autonomous-or-not against infant secure-or-not at the first Strange
                    Situation, in generation 1 (population caregivers) and generation 2 (grown-up infants);
                    Wilson interval; SE for --test widening sqrt(p(1-p)/n)
  through sensitivity  the proportion mediated a*b/c of X = autonomous caregiver on Y = continuous security
                    through M = observed sensitivity (OLS from statsmodels, generation 1); no interval, no widening
  infant to adult   infant secure-or-not against its own adult AAI autonomous-or-not, generation 1; Wilson
  preschool d       Cohen's d (pooled SD), children secure at the first Strange Situation minus insecure,
                    generation 1; SE(d) = sqrt(1/n1 + 1/n0 + d^2 / (2 (n1 + n0))) (Hedges & Olkin 1985)
"""

from __future__ import annotations

import math

import numpy as np

from .. import statistics
from ..statistics import Z95
from .population import Population
from .rows import Row, _tolerance_text, _within
from .targets import CalibrationError, lookup


def _labels(pop: Population, name: str) -> np.ndarray:
    return np.char.decode(np.asarray(pop.column(name), dtype="S2"), "ascii")


def _generation(pop: Population) -> np.ndarray:
    if "generation" not in pop.columns:
        raise CalibrationError(f"the generations run {pop.path} has no /generations/generation column: run it with "
                               "run.generations >= 2 (configs/generations.yaml does)")
    return np.asarray(pop.columns["generation"])


def _agreement_row(label: str, match: np.ndarray, target: float, tol: float, test_mode: bool, note: str) -> Row:
    n, k = len(match), int(match.sum())
    p = k / n if n else math.nan
    extra = Z95 * math.sqrt(p * (1 - p) / n) if test_mode and n else None
    return Row(label, p, statistics.wilson(k, n), f"{target:g}", _tolerance_text(tol, extra),
               _within(p, target, tol + (extra or 0)), [f"{k} of {n} {note}"])


def _d_row(label: str, values: np.ndarray, secure: np.ndarray, target: float, tol: float, test_mode: bool) -> Row:
    est = statistics.cohen_d(values[secure], values[~secure])
    n1, n0 = int(secure.sum()), int((~secure).sum())
    if n1 < 2 or n0 < 2:
        return Row(label, None, None, f"{target:g}", _tolerance_text(tol, None), False, ["too few children"], "n/a")
    d = est.value
    se = statistics.cohen_d_se(d, n1, n0)
    extra = Z95 * se if test_mode else None
    return Row(label, d, (est.low, est.high), f"{target:g}", _tolerance_text(tol, extra),
               _within(d, target, tol + (extra or 0)), [f"secure n = {n1}, insecure n = {n0}"])


def compute_development_rows(targets: dict, pop: Population, age: str, test_mode: bool = False) -> list[Row]:
    """Rows for the generations run `pop`; `age` labels the first Strange Situation (e.g. '12m')."""
    generation = _generation(pop)
    first, second = generation == 1, generation == 2
    infant_secure = _labels(pop, f"ssp_{age}_class") == "B"
    autonomous = _labels(pop, "caregiver_aai") == "F"
    rows = []
    target, tol = lookup(targets, "transmission.secure_agreement"), lookup(targets, "transmission.tolerance_abs")
    rows.append(_agreement_row("AAI x Strange Situation, secure/insecure agreement, generation 1",
                               (autonomous == infant_secure)[first], target, tol, test_mode, "dyads agree"))
    if second.any():
        rows.append(_agreement_row("AAI x Strange Situation, secure/insecure agreement, generation 2 (grown-up parents)",
                                   (autonomous == infant_secure)[second], target, tol, test_mode, "dyads agree"))

    sensitivity = pop.sensitivity_column(age)
    x = autonomous[first].astype(float)
    m = np.asarray(pop.column(sensitivity), dtype=float)[first]
    y = np.asarray(pop.column(f"ssp_{age}_security"), dtype=float)[first]
    target = lookup(targets, "transmission.through_sensitivity.proportion")
    tol = lookup(targets, "transmission.through_sensitivity.tolerance_abs")
    share = statistics.mediation(x, m, y).proportion
    rows.append(Row("share of transmission through observed sensitivity, generation 1", share, None, f"{target:g}",
                    _tolerance_text(tol, None), _within(share, target, tol),
                    [f"a x b / c: caregiver_aai F -> {sensitivity} -> ssp_{age}_security, n = {len(x)}"]))

    target, tol = lookup(targets, "infant_to_adult.secure_agreement"), lookup(targets, "infant_to_adult.tolerance_abs")
    adult_autonomous = _labels(pop, "adult_aai") == "F"
    mechanism = pop.meta.get("mechanism_adulthood_stability", "?")
    rows.append(_agreement_row(f"infant class -> own adult AAI, secure/insecure agreement ({mechanism})",
                               (adult_autonomous == infant_secure)[first], target, tol, test_mode, "people agree"))

    preschool = sorted(c for c in pop.columns if c.startswith("preschool_") and c.endswith("_social_competence"))
    if not preschool:
        raise CalibrationError(f"the generations run {pop.path} has no preschool assessment: set preschool.ages_months "
                               "(configs/generations.yaml assesses at 54 months)")
    prefix = preschool[0][: -len("social_competence")]
    tol = lookup(targets, "preschool.tolerance_d")
    for outcome in ("social_competence", "externalizing", "internalizing"):
        target = lookup(targets, f"preschool.{outcome}_d")
        values = np.asarray(pop.column(prefix + outcome), dtype=float)[first]
        rows.append(_d_row(f"{prefix.rstrip('_')} {outcome.replace('_', ' ')}: secure minus insecure (d)", values,
                           infant_secure[first], target, tol, test_mode))
    return rows
