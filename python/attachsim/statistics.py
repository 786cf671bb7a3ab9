"""The statistics of attachsim's analysis in Python: intervals, correlations, effect sizes, agreement
and differences between runs, all at 95% unless a level is given. One module for the Python side
(figures, calibration, comparisons, notebooks); the C++ printouts have sim/core/statistics.hpp.

Where scipy or statsmodels has the estimator it is used, so each formula has one well-tested
implementation: Wilson (1927) intervals and Newcombe (1998) differences of proportions from
statsmodels, Pearson r with Fisher's z interval and t intervals from scipy, Cohen's (1960) kappa and
the 2 x 2 odds ratio from statsmodels, OLS for mediation from statsmodels. What no library has is
written here with its source: Cohen's d from an odds ratio (Chinn 2000) and the standard error of d
(Hedges & Olkin 1985).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


LEVEL = 0.95
Z95 = 1.959963984540054   # the normal quantile of a 95% interval, as the C++ printouts use it


class StatisticsError(ValueError):
    """An argument a statistic cannot take (a level outside (0, 1), a count out of range, paired
    samples of different lengths), named with what was expected and what was found."""


def checked_level(level) -> float:
    """`level` as a confidence level strictly between 0 and 1, or StatisticsError."""
    import numbers
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise StatisticsError(f"level: expected a confidence level between 0 and 1 (e.g. 0.95), found {level!r}")
    return float(level)


def _same_length(name: str, a: np.ndarray, b: np.ndarray) -> None:
    if a.shape != b.shape:
        raise StatisticsError(f"{name}: expected two samples of the same length (pairs), found lengths {len(a)} and {len(b)}")


def z_of(level: float = LEVEL) -> float:
    from scipy.stats import norm
    return float(norm.ppf(0.5 + checked_level(level) / 2))


@dataclass(frozen=True)
class Estimate:
    """A value with its interval; low/high are nan where no interval is defined."""
    value: float
    low: float = math.nan
    high: float = math.nan
    n: int = 0

    def __iter__(self):   # value, low, high = estimate
        return iter((self.value, self.low, self.high))


# --- proportions --------------------------------------------------------------------------------

def wilson(k: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Wilson score interval of k/n; (nan, nan) when n is 0."""
    level = checked_level(level)
    if n <= 0:
        return (math.nan, math.nan)
    if not 0 <= k <= n:
        raise StatisticsError(f"k: expected a count from 0 to n = {n}, found {k!r}")
    from statsmodels.stats.proportion import proportion_confint
    lo, hi = proportion_confint(int(k), int(n), alpha=1 - level, method="wilson")
    # Exact ends when no or every unit is in the class (the formula gives them up to rounding).
    return (0.0 if k == 0 else float(lo), 1.0 if k == n else float(hi))


def proportion(k: int, n: int, level: float = LEVEL) -> Estimate:
    lo, hi = wilson(k, n, level)
    return Estimate(k / n if n else math.nan, lo, hi, int(n))


def difference_of_proportions(k1: int, n1: int, k0: int, n0: int, level: float = LEVEL) -> Estimate:
    """p1 - p0 of two independent samples with Newcombe's (1998) hybrid score interval."""
    if n1 <= 0 or n0 <= 0:
        return Estimate(math.nan)
    from statsmodels.stats.proportion import confint_proportions_2indep
    lo, hi = confint_proportions_2indep(int(k1), int(n1), int(k0), int(n0), method="newcomb", compare="diff",
                                        alpha=1 - level)
    return Estimate(k1 / n1 - k0 / n0, float(lo), float(hi), int(n1 + n0))


# --- means --------------------------------------------------------------------------------------

def mean(x, level: float = LEVEL) -> Estimate:
    """Mean with its t interval (nan interval below 2 finite values; zero width when all are equal);
    non-finite values are left out."""
    level = checked_level(level)
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n == 0:
        return Estimate(math.nan)
    m = float(x.mean())
    if n < 2:
        return Estimate(m, n=n)
    sd = float(x.std(ddof=1))
    if sd == 0:
        return Estimate(m, m, m, n)
    return Estimate(m, *mean_interval(m, sd, n, level), n=n)


def mean_interval(m: float, sd: float, n: float, level: float = LEVEL) -> tuple[float, float]:
    """t interval of a mean from its summary (mean, SD, n), for tables that keep no rows."""
    level = checked_level(level)
    if not (n >= 2 and math.isfinite(sd) and math.isfinite(m)):
        return (math.nan, math.nan)
    from scipy.stats import t
    half = float(t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return (m - half, m + half)


def paired_difference(x1, x0, level: float = LEVEL) -> Estimate:
    """Mean of x1 - x0 over pairs (the same dyad under two conditions) with the paired t interval.
    For 0/1 indicators this is the difference of two paired proportions (a Wald interval with the
    paired variance, which is what the t interval on {-1, 0, 1} differences amounts to). Pairs with a
    non-finite member are left out. Identical pairs give a zero-width interval."""
    x1, x0 = np.asarray(x1, dtype=float), np.asarray(x0, dtype=float)
    _same_length("paired_difference", x1, x0)
    return mean(x1 - x0, level)


def difference_of_means(x1, x0, level: float = LEVEL) -> Estimate:
    """mean(x1) - mean(x0) of independent samples with Welch's t interval."""
    x1 = np.asarray(x1, dtype=float)
    x0 = np.asarray(x0, dtype=float)
    x1, x0 = x1[np.isfinite(x1)], x0[np.isfinite(x0)]
    if len(x1) < 2 or len(x0) < 2:
        return Estimate(math.nan)
    diff = float(x1.mean() - x0.mean())
    if x1.std() == 0 and x0.std() == 0:
        return Estimate(diff, diff, diff, len(x1) + len(x0))
    from statsmodels.stats.weightstats import CompareMeans
    lo, hi = CompareMeans.from_data(x1, x0).tconfint_diff(alpha=1 - level, usevar="unequal")
    return Estimate(diff, float(lo), float(hi), len(x1) + len(x0))


# --- association --------------------------------------------------------------------------------

def pearson(x, y, level: float = LEVEL) -> Estimate:
    """Pearson r of the pairs where both are finite, with Fisher's z interval; nan when undefined
    (fewer than 3 pairs or no spread in either)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    _same_length("pearson", x, y)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    n = len(x)
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return Estimate(math.nan, n=n)
    from scipy.stats import pearsonr
    result = pearsonr(x, y)
    r = float(result.statistic)
    if n <= 3:
        return Estimate(r, n=n)
    ci = result.confidence_interval(confidence_level=level)
    return Estimate(r, float(ci.low), float(ci.high), n)


def kappa(table, level: float = LEVEL) -> Estimate:
    """Cohen's (1960) kappa of a square agreement table (rows one rating, columns the other, in the
    same category order), with its asymptotic interval; nan when undefined."""
    table = np.asarray(table, dtype=float)
    n = table.sum()
    if n <= 0:
        return Estimate(math.nan)
    pe = float(table.sum(axis=0) @ table.sum(axis=1)) / (n * n)
    if pe >= 1:
        return Estimate(math.nan, n=int(n))
    from statsmodels.stats.inter_rater import cohens_kappa
    k = cohens_kappa(table)
    z = z_of(level)
    return Estimate(float(k.kappa), float(k.kappa - z * k.std_kappa), float(k.kappa + z * k.std_kappa), int(n))


def agreement(table) -> float:
    """Share of the diagonal of an agreement table."""
    table = np.asarray(table, dtype=float)
    n = table.sum()
    return float(np.trace(table) / n) if n > 0 else math.nan


def collapse_to_2x2(table) -> np.ndarray:
    """A square table in matched order collapsed to first category or not (secure/autonomous vs rest)."""
    t = np.asarray(table, dtype=float)
    return np.array([[t[0, 0], t[0, 1:].sum()], [t[1:, 0].sum(), t[1:, 1:].sum()]])


# --- effect sizes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class OddsD:
    d: float
    se: float
    odds_ratio: float
    corrected: bool   # 0.5 added to every cell because one was empty (Haldane-Anscombe)

    def interval(self, level: float = LEVEL) -> tuple[float, float]:
        z = z_of(level)
        return (self.d - z * self.se, self.d + z * self.se)


def d_from_counts(a: int, b: int, c: int, d: int) -> OddsD:
    """Cohen's d from a 2 x 2 table, d = ln(OR) * sqrt(3) / pi (Chinn 2000): a, b = events and
    non-events of the exposed group, c, d = of the reference group. The log odds ratio and its SE
    come from statsmodels' Table2x2; an empty cell adds 0.5 to every cell."""
    from statsmodels.stats.contingency_tables import Table2x2
    corrected = min(a, b, c, d) == 0
    table = np.array([[a, b], [c, d]], dtype=float) + (0.5 if corrected else 0.0)
    t = Table2x2(table, shift_zeros=False)
    k = math.sqrt(3) / math.pi
    return OddsD(float(t.log_oddsratio) * k, float(t.log_oddsratio_se) * k, float(t.oddsratio), corrected)


def cohen_d(x1, x0, level: float = LEVEL) -> Estimate:
    """Cohen's d with the pooled SD (group 1 minus group 0) and the interval d +- z SE(d), SE(d) =
    sqrt(1/n1 + 1/n0 + d^2 / (2 (n1 + n0))) (Hedges & Olkin 1985); nan below 2 per group."""
    x1 = np.asarray(x1, dtype=float)
    x0 = np.asarray(x0, dtype=float)
    x1, x0 = x1[np.isfinite(x1)], x0[np.isfinite(x0)]
    n1, n0 = len(x1), len(x0)
    if n1 < 2 or n0 < 2:
        return Estimate(math.nan, n=n1 + n0)
    pooled = math.sqrt(((n1 - 1) * x1.var(ddof=1) + (n0 - 1) * x0.var(ddof=1)) / (n1 + n0 - 2))
    if pooled == 0:
        return Estimate(math.nan, n=n1 + n0)
    d = float((x1.mean() - x0.mean()) / pooled)
    se = cohen_d_se(d, n1, n0)
    z = z_of(level)
    return Estimate(d, d - z * se, d + z * se, n1 + n0)


def cohen_d_se(d: float, n1: int, n0: int) -> float:
    return math.sqrt(1 / n1 + 1 / n0 + d * d / (2 * (n1 + n0)))


# --- mediation ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mediation:
    a: float          # X -> M
    b: float          # M -> Y given X
    c: float          # X -> Y (total)
    c_prime: float    # X -> Y given M (direct)
    proportion: float  # a b / c, nan when c is 0


def mediation(x, m, y) -> Mediation:
    """Single-mediator analysis by OLS (Baron & Kenny 1986): the share of the effect of x on y that
    runs through m is a b / c. Rows with a non-finite value are left out, as elsewhere here."""
    import statsmodels.api as sm
    x = np.asarray(x, dtype=float)
    m = np.asarray(m, dtype=float)
    y = np.asarray(y, dtype=float)
    _same_length("mediation", x, m)
    _same_length("mediation", x, y)
    ok = np.isfinite(x) & np.isfinite(m) & np.isfinite(y)
    x, m, y = x[ok], m[ok], y[ok]
    if len(x) < 4 or np.ptp(x) == 0 or np.ptp(m) == 0:  # no variation to regress on (a tiny run)
        return Mediation(math.nan, math.nan, math.nan, math.nan, math.nan)
    c = float(sm.OLS(y, sm.add_constant(x)).fit().params[1])
    a = float(sm.OLS(m, sm.add_constant(x)).fit().params[1])
    both = sm.OLS(y, sm.add_constant(np.column_stack([m, x]))).fit().params
    b, c_prime = float(both[1]), float(both[2])
    return Mediation(a, b, c, c_prime, a * b / c if c != 0 else math.nan)
