"""The Sobol estimators on functions whose indices are known in closed form. Designs are made here with
scipy's scrambled Sobol sequence (seeded), laid out as the sweep lays out sampling: saltelli."""
import numpy as np
import pytest

from attachsim import sensitivity


def saltelli_points(n: int, d: int, seed: int = 1) -> np.ndarray:
    from scipy.stats import qmc
    base = qmc.Sobol(2 * d, scramble=True, seed=seed).random(n)
    a, b = base[:, :d], base[:, d:]
    rows = []
    for j in range(n):
        rows.append(a[j])
        for i in range(d):
            r = a[j].copy()
            r[i] = b[j, i]
            rows.append(r)
        rows.append(b[j])
    return np.array(rows)


def test_additive_function_has_its_known_indices():
    # f = sum a_i x_i, x_i ~ U(0, 1): V_i = a_i^2 / 12, no interactions, so S_i = ST_i = a_i^2 / sum a^2.
    coef = np.array([1.0, 2.0, 3.0, 0.0])
    x = saltelli_points(4096, 4)
    blocks = sensitivity.split_design(x, x @ coef)
    ind = sensitivity.sobol_indices(blocks, bootstrap=500)
    known = coef ** 2 / (coef ** 2).sum()
    # N = 4096 scrambled Sobol rows: the estimators' error is O(1/N) here; 0.01 is ~10x what we see
    # and far below the smallest gap between the known indices (0.07).
    assert np.allclose(ind.first, known, atol=0.01)
    assert np.allclose(ind.total, known, atol=0.01)
    assert ind.total[3] == 0.0   # a factor that does nothing: every f(A) - f(AB^i) is exactly 0
    assert np.all((ind.first_low <= known + 1e-9) & (known - 1e-9 <= ind.first_high))
    assert np.all((ind.total_low <= known + 1e-9) & (known - 1e-9 <= ind.total_high))


def test_ishigami_interactions_separate_first_order_from_total():
    # Ishigami (a=7, b=0.1) on [-pi, pi]^3: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
    x = saltelli_points(8192, 3) * 2 * np.pi - np.pi
    y = np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
    ind = sensitivity.sobol_indices(sensitivity.split_design(x, y), bootstrap=300)
    # Each estimate within 3 of its bootstrap SEs ((high - low) / 3.92) of the known index, and the
    # interactions' share (ST - S of x1, 0.24) far outside the estimates' error.
    for est, low, high, known in ((ind.first, ind.first_low, ind.first_high, [0.3139, 0.4424, 0.0]),
                                  (ind.total, ind.total_low, ind.total_high, [0.5576, 0.4424, 0.2437])):
        se = (np.asarray(high) - np.asarray(low)) / 3.92
        assert np.all(np.abs(np.asarray(est) - known) <= 3 * se + 1e-12), (est, se)
    assert ind.total[0] - ind.first[0] > 0.2


def test_other_designs_are_refused():
    rng = np.random.default_rng(3)
    x = rng.random((60, 2))   # a Latin hypercube or random sweep: 60 points, but no AB^i structure
    with pytest.raises(sensitivity.DesignError, match="sampling: saltelli"):
        sensitivity.split_design(x, x.sum(axis=1))
    with pytest.raises(sensitivity.DesignError, match="multiple"):
        sensitivity.split_design(rng.random((61, 2)), rng.random(61))


def test_a_saltelli_sweep_of_the_model_gives_indices_and_other_designs_are_refused(tmp_path):
    # The real sweep machinery: 2 factors, 8 base rows -> 8 x 4 = 32 points of 60 dyads (a few seconds).
    # The design's structure is what is tested here (the estimators are tested above on known functions);
    # at this size the indices themselves are noise.
    import attachsim
    from helpers import REPO
    text = (f"base: {REPO}/configs/normative.yaml\nset:\n  run.dyads: 60\nseed: 5\nreplicates: 1\nfactors:\n"
            "  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n    sampling: saltelli\n    points: 8\n"
            "  - parameter: caregiver.hostile_under_stress\n    range: [0.0, 1.0]\n    sampling: saltelli\n    points: 8\n"
            "outcomes: [ssp_12m_share_B, ssp_12m_security_mean]\n")
    (tmp_path / "saltelli.yaml").write_text(text)
    s = attachsim.sweep(tmp_path / "saltelli.yaml")
    assert len(s.points) == 8 * 4
    table = attachsim.sobol(s, bootstrap=50)
    assert list(table["factor"].unique()) == ["caregiver.sensitivity_mean", "caregiver.hostile_under_stress"]
    assert len(table) == 4 and (table["base_rows"] == 8).all()
    for level in (1.5, 0, "0.9"):  # until 2026-12-05: numpy's percentile error, or zero-width intervals at 0
        with pytest.raises(attachsim.DesignError, match="level: expected a confidence level between 0 and 1"):
            attachsim.sobol(s, bootstrap=50, level=level)
    (tmp_path / "lhs.yaml").write_text(text.replace("saltelli", "latin_hypercube"))
    lhs = attachsim.sweep(tmp_path / "lhs.yaml")
    with pytest.raises(attachsim.DesignError, match="sampling: saltelli"):
        attachsim.sobol(lhs)


def test_the_sobol_command_refuses_to_write_its_csv_over_the_sweep(tmp_path):
    # `python3 -m attachsim sobol S.h5 --csv S.h5` replaced the sweep with the CSV, exit 0.
    import subprocess
    import sys
    sweep = tmp_path / "s.h5"
    sweep.write_bytes(b"a sweep file")   # the path is checked before the sweep is read
    before = sweep.read_bytes()
    p = subprocess.run([sys.executable, "-m", "attachsim", "sobol", str(sweep), "--csv", str(sweep)],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "expected a file other than the command's inputs" in p.stderr, p.stderr
    assert sweep.read_bytes() == before
