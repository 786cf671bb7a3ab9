"""attachsim.compare on cases with known answers: a run against itself (every difference exactly 0, zero-
width paired intervals, no dyad changed), a copy with a known edit (the paired difference equals the
edit exactly), and runs of different seeds (independent, Newcombe/Welch intervals)."""
import shutil

import h5py
import numpy as np
import pytest

import attachsim
from helpers import cli_run


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "base.h5"
    cli_run("configs/normative.yaml", path, "--set", "run.dyads=400", "--seed", "11")
    return path


def test_a_run_compared_with_itself_differs_in_nothing(base):
    c = attachsim.compare(base, base)
    assert c.paired
    assert len(c.settings) == 0
    assert (c.shares["difference"] == 0).all() and (c.shares["low"] == 0).all() and (c.shares["high"] == 0).all()
    assert (c.means["difference"] == 0).all()
    assert (c.changed["changed"] == 0).all()
    assert "A and B have the same configuration" in c.report()


def test_a_known_edit_gives_its_exact_paired_difference(base, tmp_path):
    edited = tmp_path / "edited.h5"
    shutil.copyfile(base, edited)
    with h5py.File(edited, "r+") as f:
        cls = f["dyads/ssp_12m_class"][()]
        not_secure = np.flatnonzero(cls != b"B")[:40]     # 40 insecure infants made secure
        cls[not_secure] = b"B"
        f["dyads/ssp_12m_class"][...] = cls
    c = attachsim.compare(base, edited, columns=["ssp_12m_class"])
    b = c.shares.set_index("label").loc["B"]
    assert b["difference"] == pytest.approx(40 / 400)
    assert b["low"] < 40 / 400 < b["high"]
    assert c.changed["changed"].iloc[0] == pytest.approx(40 / 400)
    assert c.transitions["ssp_12m_class"].to_numpy().sum() == 400


def test_different_seeds_are_independent_samples(base, tmp_path):
    other = tmp_path / "other.h5"
    cli_run("configs/normative.yaml", other, "--set", "run.dyads=400", "--seed", "12")
    c = attachsim.compare(base, other)
    assert not c.paired and "seeds differ" in c.pairing
    assert c.changed.empty
    b = c.shares.set_index("label").loc["B"]
    est = attachsim.statistics.difference_of_proportions(round(b["share_b"] * 400), 400, round(b["share_a"] * 400), 400)
    assert (b["low"], b["high"]) == pytest.approx((est.low, est.high))


def test_compare_refuses_files_that_are_not_runs(tmp_path):
    with pytest.raises(attachsim.ResultError, match="no such file"):
        attachsim.compare(tmp_path / "missing.h5", tmp_path / "missing.h5")
