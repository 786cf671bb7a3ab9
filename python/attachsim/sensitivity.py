"""Variance-based sensitivity analysis of a sweep: first-order and total Sobol indices of each
outcome with bootstrap intervals, from a Saltelli design (sampling: saltelli in the sweep file).

The estimators (Saltelli et al. 2010, "Variance based sensitivity analysis of model output",
Comput. Phys. Commun. 181:259-270, table 2) need, for N base rows, the outcome at three kinds of
point: A_j and B_j (two independent quasi-random samples of the d factors) and, for each factor i,
AB_j^i (A_j with factor i taken from B_j). With V the variance of f over A and B together:

    first order  S_i  = mean_j[ f(B_j) (f(AB_j^i) - f(A_j)) ] / V        (Saltelli 2010; f centred)
    total        ST_i = mean_j[ (f(A_j) - f(AB_j^i))^2 ] / (2 V)          (Jansen 1999)

A plain grid, random, Latin-hypercube or Sobol sweep gives each point once: f(AB^i) is unknown, and
these estimators cannot be computed from it, so such sweeps are refused (with what to write
instead). Intervals are percentile bootstraps over the base rows j (Archer, Saltelli & Sobol 1997),
with a fixed seed so the table is reproducible.

The simulation is stochastic: with replicates the outcome of a point is the mean over its
replicates, and the replicate variance is reported beside V as the share of the outcome's variance
that is simulation noise; it lowers every S_i and raises none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


BOOTSTRAP_SEED = 20261128
LEVEL = 0.95


class DesignError(ValueError):
    """The sweep is not a design the Sobol estimators can use; the message says what would be."""


NEEDS = ("Sobol indices need a Saltelli design: in the sweep file give every factor a range with "
         "sampling: saltelli and the same points: N (N base rows; the sweep runs N x (factors + 2) points). ")


@dataclass
class SaltelliBlocks:
    """f at A, B and AB^i as arrays: a[N], b[N], ab[N, d]."""
    a: np.ndarray
    b: np.ndarray
    ab: np.ndarray


def split_design(x: np.ndarray, y: np.ndarray) -> SaltelliBlocks:
    """Splits the points of a Saltelli design, in the order the sweep writes them (for each base row j:
    A_j, AB_j^1 ... AB_j^d, B_j), into its blocks, after checking that the values have that structure:
    AB_j^i equals A_j but in column i, where it equals B_j. x: [points, d] factor values, y: [points]."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    points, d = x.shape
    if d < 1:
        raise DesignError(NEEDS + "This sweep has no factor.")
    if points % (d + 2) or points == 0:
        raise DesignError(NEEDS + f"{points} points is not a multiple of factors + 2 = {d + 2}.")
    n = points // (d + 2)
    blocks = x.reshape(n, d + 2, d)
    a, ab, b = blocks[:, 0, :], blocks[:, 1:d + 1, :], blocks[:, d + 1, :]
    for i in range(d):
        expected = a.copy()
        expected[:, i] = b[:, i]
        if not np.array_equal(ab[:, i, :], expected):
            raise DesignError(NEEDS + f"The points do not have its structure (A, A with factor {i + 1} from B, "
                              "..., B for each base row).")
    fy = y.reshape(n, d + 2)
    return SaltelliBlocks(fy[:, 0], fy[:, d + 1], fy[:, 1:d + 1])


def _indices(a: np.ndarray, b: np.ndarray, ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """S and ST for blocks with a leading batch axis: a, b [..., N], ab [..., N, d]. f is centred on its
    mean over A and B first (as SALib does): the expectations are unchanged, but the first-order
    estimator's variance no longer grows with the outcome's mean squared (a share near 0.6 with a spread
    of 0.1 would otherwise need ~36 times the base rows for the same precision)."""
    both = np.concatenate([a, b], axis=-1)
    centre = both.mean(axis=-1, keepdims=True)
    a, b, ab = a - centre, b - centre, ab - centre[..., None]
    v = np.var(both, axis=-1, ddof=1)[..., None]
    first = np.mean(b[..., None] * (ab - a[..., None]), axis=-2) / v
    total = 0.5 * np.mean((a[..., None] - ab) ** 2, axis=-2) / v
    return first, total


@dataclass
class Indices:
    first: np.ndarray          # [d]
    first_low: np.ndarray
    first_high: np.ndarray
    total: np.ndarray
    total_low: np.ndarray
    total_high: np.ndarray
    variance: float            # V of the outcome over A and B
    base_rows: int


def sobol_indices(blocks: SaltelliBlocks, bootstrap: int = 1000, level: float = LEVEL,
                  seed: int = BOOTSTRAP_SEED) -> Indices:
    a, b, ab = blocks.a, blocks.b, blocks.ab
    n = len(a)
    if n < 2:
        raise DesignError(NEEDS + f"It has {n} base row; the estimators need at least 2 (a few hundred for "
                          "intervals narrower than the indices).")
    if not (np.isfinite(a).all() and np.isfinite(b).all() and np.isfinite(ab).all()):
        raise DesignError("the outcome is not finite at every point of the design (NaN where it is undefined): "
                          "the Sobol estimators need it everywhere; pick another outcome")
    variance = float(np.var(np.concatenate([a, b]), ddof=1))
    d = ab.shape[1]
    if variance == 0:
        nan = np.full(d, math.nan)
        return Indices(nan, nan, nan, nan, nan, nan, 0.0, n)
    first, total = _indices(a, b, ab)
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, n, size=(bootstrap, n))
    bf, bt = _indices(a[rows], b[rows], ab[rows])
    tail = (1 - level) / 2 * 100
    fl, fh = np.nanpercentile(bf, [tail, 100 - tail], axis=0)
    tl, th = np.nanpercentile(bt, [tail, 100 - tail], axis=0)
    return Indices(first, fl, fh, total, tl, th, variance, n)


def _sampling(description: str) -> str:
    import re
    m = re.match(r"Factor \(([^)]*)\)", description)
    return m.group(1) if m else ""


def sobol(sweep, outcomes=None, bootstrap: int = 1000, level: float = LEVEL, seed: int = BOOTSTRAP_SEED):
    """First-order and total Sobol indices of each outcome of a Saltelli sweep (a Result or a path),
    with percentile-bootstrap intervals, as a DataFrame: one row per (levels of any crossed factors,
    outcome, factor). Refuses, with DesignError, sweeps whose design the estimators cannot use."""
    import pandas as pd
    from .result import Result, read
    if isinstance(outcomes, str):  # one name, not its letters
        outcomes = [outcomes]
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 1:
        raise DesignError(f"bootstrap: expected a whole number of resamples, at least 1, found {bootstrap!r}")
    from .statistics import StatisticsError, checked_level
    try:
        level = checked_level(level)
    except StatisticsError as e:
        raise DesignError(str(e)) from None
    result = sweep if isinstance(sweep, Result) else read(sweep)
    if result.kind != "sweep":
        raise DesignError(f"{result.name}: a {result.kind} file; Sobol indices are computed from a sweep (/points)")
    info = result.describe("points")
    factors = str(result.meta.get("factors", "")).split()
    sampling = {f: _sampling(info.loc[f, "description"]) if f in info.index else "" for f in factors}
    varied = [f for f in factors if sampling[f] == "saltelli"]
    if not varied:
        kinds = ", ".join(f"{f}: {sampling[f] or '?'}" for f in factors) or "no factors"
        raise DesignError(NEEDS + f"This sweep has {kinds}.")
    crossed = [f for f in factors if f not in varied]
    points = result.points
    names = outcomes or str(result.meta.get("outcomes", "")).split()
    missing = [o for o in names if o not in points]
    if missing:
        raise DesignError(f"no outcome {', '.join(missing)} in {result.name} (outcomes: {result.meta.get('outcomes', '')})")
    by_point = points.groupby("point", sort=True)
    means = by_point[names].mean()
    design = by_point[varied + crossed].first()
    noise = by_point[names].var(ddof=1).mean() / by_point.size().mean() if points["replicate"].max() > 0 else None
    rows = []
    # One crossed factor is grouped by its name, not a list of one (pandas warns of the key's shape).
    groups = design.groupby(crossed[0] if len(crossed) == 1 else crossed, sort=False) if crossed else [((), design)]
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        x = part[varied].to_numpy(dtype=float)
        for outcome in names:
            ind = sobol_indices(split_design(x, means.loc[part.index, outcome].to_numpy()), bootstrap, level, seed)
            share = float(noise[outcome] / ind.variance) if noise is not None and ind.variance > 0 else float("nan")
            for i, factor in enumerate(varied):
                rows.append((*key, outcome, factor, ind.first[i], ind.first_low[i], ind.first_high[i], ind.total[i],
                             ind.total_low[i], ind.total_high[i], ind.variance, share, ind.base_rows))
    return pd.DataFrame(rows, columns=crossed + ["outcome", "factor", "first", "first_low", "first_high", "total",
                                                 "total_low", "total_high", "variance", "noise_share", "base_rows"])
