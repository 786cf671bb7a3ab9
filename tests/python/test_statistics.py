"""attachsim.statistics against published worked examples and exact small cases."""
import math

import numpy as np
import pytest

from attachsim import statistics as st


def test_wilson_matches_the_published_example_and_exact_ends():
    # Newcombe (1998), Stat Med 17:857, table I: 81/263 -> Wilson 0.2553 to 0.3662.
    lo, hi = st.wilson(81, 263)
    assert (round(lo, 4), round(hi, 4)) == (0.2553, 0.3662)
    assert st.wilson(0, 10)[0] == 0.0 and st.wilson(10, 10)[1] == 1.0
    assert all(math.isnan(x) for x in st.wilson(0, 0))


def test_newcombe_difference_of_independent_proportions():
    # Newcombe (1998), Stat Med 17:873, table II example (56/70 vs 48/80): hybrid score 0.0524 to 0.3339.
    est = st.difference_of_proportions(56, 70, 48, 80)
    assert est.value == pytest.approx(0.2)
    assert (round(est.low, 4), round(est.high, 4)) == (0.0524, 0.3339)


def test_paired_difference_is_exact_for_identical_pairs_and_a_t_interval_otherwise():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    same = st.paired_difference(x, x)
    assert (same.value, same.low, same.high) == (0.0, 0.0, 0.0)
    d = np.array([1.0, 2.0, 3.0, 4.0, 5.0])      # differences: mean 3, SD sqrt(2.5), n 5, t(0.975, 4) = 2.776445
    est = st.paired_difference(d, np.zeros(5))
    half = 2.7764451051977987 * math.sqrt(2.5) / math.sqrt(5)
    assert est.value == 3.0 and est.low == pytest.approx(3 - half) and est.high == pytest.approx(3 + half)


def test_pearson_with_fisher_interval():
    x = np.arange(10.0)
    y = np.array([0, 2, 1, 4, 3, 6, 5, 8, 7, 9.0])
    est = st.pearson(x, y)
    r = float(np.corrcoef(x, y)[0, 1])
    z = math.atanh(r)
    assert est.value == pytest.approx(r)
    assert est.low == pytest.approx(math.tanh(z - 1.959963984540054 / math.sqrt(7)))
    assert math.isnan(st.pearson([1, 1, 1], [1, 2, 3]).value)   # no spread: undefined, not 0


def test_kappa_of_a_worked_table():
    # Cohen (1960)-style 2 x 2: po = 0.85, pe = 0.5 -> kappa 0.7.
    est = st.kappa([[40, 10], [5, 45]])
    assert est.value == pytest.approx(0.7)
    assert est.low < 0.7 < est.high
    assert st.agreement([[40, 10], [5, 45]]) == pytest.approx(0.85)


def test_d_from_counts_follows_chinn_2000_and_corrects_empty_cells():
    e = st.d_from_counts(30, 70, 10, 90)              # OR = (30 * 90) / (70 * 10) = 3.857
    assert e.odds_ratio == pytest.approx(30 * 90 / (70 * 10))
    assert e.d == pytest.approx(math.log(30 * 90 / (70 * 10)) * math.sqrt(3) / math.pi)
    assert e.se == pytest.approx(math.sqrt(1 / 30 + 1 / 70 + 1 / 10 + 1 / 90) * math.sqrt(3) / math.pi)
    assert not e.corrected
    z = st.d_from_counts(0, 10, 5, 45)                 # an empty cell: 0.5 added to every cell
    assert z.corrected and z.odds_ratio == pytest.approx(0.5 * 45.5 / (10.5 * 5.5))


def test_cohen_d_with_pooled_sd():
    x1, x0 = np.array([2.0, 4.0, 6.0]), np.array([1.0, 2.0, 3.0])   # pooled SD sqrt((8 + 2) / 4)
    est = st.cohen_d(x1, x0)
    assert est.value == pytest.approx(2.0 / math.sqrt(2.5))


def test_mediation_recovers_constructed_paths():
    rng = np.random.default_rng(5)
    x = rng.normal(size=4000)
    m = 0.5 * x + rng.normal(size=4000)
    y = 0.4 * m + 0.2 * x + rng.normal(size=4000)
    med = st.mediation(x, m, y)
    # a = 0.5, b = 0.4, c = 0.2 + 0.5 * 0.4 = 0.4, share 0.5; n = 4000, seed 5: each path's SE ~0.016.
    assert med.a == pytest.approx(0.5, abs=0.05) and med.b == pytest.approx(0.4, abs=0.05)
    assert med.proportion == pytest.approx(0.5, abs=0.1)
    assert med.a * med.b + med.c_prime == pytest.approx(med.c)   # OLS identity, exact up to rounding
