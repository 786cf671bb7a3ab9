"""attachsim.compare on cases with known answers: a run against itself (every difference exactly 0, zero-
width paired intervals, no dyad changed), a copy with a known edit (the paired difference equals the
edit exactly), and runs of different seeds (independent, Newcombe/Welch intervals)."""
import shutil
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

import attachsim
from helpers import BINARY, REPO, cli, cli_run


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


def test_an_assessment_not_given_is_left_out_not_counted(tmp_path):
    # With the partner as the assessed figure, infants without a partner at 12 months have no class and
    # security 0 (about 8% of 400 here). The reader gives them NaN, and compare counts shares among the
    # assessed and pairs only infants assessed in both runs; counting them would add a blank label and
    # pull every share down by that 8%.
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    partner = ("--set", "run.dyads=400", "--seed", "11", "--set", "strange_situation.figure=partner")
    cli_run("configs/normative.yaml", a, *partner)
    cli_run("configs/normative.yaml", b, *partner, "--set", "caregiver.sensitivity_mean=0.6")
    with h5py.File(a, "r") as f:
        raw = f["dyads/ssp_12m_class"][()]
        assert f["dyads/ssp_12m_security"].attrs["measured_by"] in ("ssp_12m_class", b"ssp_12m_class")
    unassessed = raw == b""
    assert 0 < unassessed.sum() < 400
    dyads = attachsim.read(a).dyads
    assert dyads["ssp_12m_class"].isna().to_numpy().tolist() == unassessed.tolist()
    assert dyads["ssp_12m_security"].isna().to_numpy().tolist() == unassessed.tolist()
    assert "" not in list(dyads["ssp_12m_class"].cat.categories)

    c = attachsim.compare(a, b, columns=["ssp_12m_class", "ssp_12m_security"])
    shares = c.shares[c.shares["column"] == "ssp_12m_class"].set_index("label")
    assert sorted(shares.index) == ["A", "B", "C", "D"]
    assert shares["share_a"].sum() == pytest.approx(1.0)
    assert shares["share_b"].sum() == pytest.approx(1.0)
    secure = np.sum(raw == b"B") / np.sum(~unassessed)
    assert shares.loc["B", "share_a"] == pytest.approx(secure)
    changed = c.changed.set_index("column").loc["ssp_12m_class"]
    assert changed["n"] <= 400 - unassessed.sum()
    assert c.transitions["ssp_12m_class"].to_numpy().sum() == changed["n"]
    mean_a = c.means.set_index("column").loc["ssp_12m_security", "mean_a"]
    with h5py.File(a, "r") as f:
        assert mean_a == pytest.approx(f["dyads/ssp_12m_security"][()][~unassessed].mean())


def test_a_visit_with_no_partner_reads_as_missing(tmp_path):
    # A home visit with the partner names a 0/1 column in `measured_by`, not a label column: where the
    # infant has no partner that day (about 8% of 400) the flag is 0 and the score 0, which the reader
    # gives as NaN; everywhere else the score is on the 1-9 scale.
    out = tmp_path / "visit.h5"
    cli_run("configs/normative.yaml", out, "--set", "run.dyads=400", "--seed", "11",
            "--set", "sensitivity_observation.with_partner=true")
    with h5py.File(out, "r") as f:
        flag = f["dyads/sensitivity_12m_partner_observed"][()]
        raw = f["dyads/sensitivity_12m_partner"][()]
    assert 0 < np.sum(flag == 0) < 400
    dyads = attachsim.read(out).dyads
    score = dyads["sensitivity_12m_partner"].to_numpy()
    assert np.isnan(score).tolist() == (flag == 0).tolist()
    assert np.all((raw[flag == 1] >= 1) & (raw[flag == 1] <= 9))
    assert not dyads["sensitivity_12m_partner_observed"].isna().any()


def test_a_trials_twin_tables_leave_out_the_unassessed_too(tmp_path):
    # The twin tables of /trial carry the same `measured_by` as /dyads (until 2026-12-05 they did not,
    # and the reader gave an infant with no partner to assess a security of 0): the Juffer design with
    # the partner as the assessed figure, 400 enrolled, about 8% without a partner at 12 months.
    design = (Path(REPO) / "configs/trials/juffer_video_feedback_adoptive.yaml").read_text()
    design = design.replace("../populations/normative.yaml", str(Path(REPO) / "configs/populations/normative.yaml"))
    design = design.replace("  screened: 60\n  enrolled: 60\n", "  screened: 400\n  enrolled: 400\n")
    design = design.replace("    risk.adolescent_share: 0.0", "    strange_situation.figure: partner\n    risk.adolescent_share: 0.0")
    config, out = tmp_path / "trial.yaml", tmp_path / "trial.h5"
    config.write_text(design)
    cli("trial", config, "-q", "-o", out)
    with h5py.File(out, "r") as f:
        raw = f["trial/twins/control/ssp_12m_class"][()]
    unassessed = raw == b""
    assert raw.size == 400 and 0 < unassessed.sum() < 100
    twins = attachsim.read(out).tables["trial/twins/control"]
    assert twins["ssp_12m_security"].isna().to_numpy().tolist() == unassessed.tolist()
    assert twins["iwm_12m_fear"].isna().to_numpy().tolist() == unassessed.tolist()


def test_runs_of_different_sizes_are_independent_samples(base, tmp_path):
    # The paired mask was built for every run pair and crashed (ValueError) when the sizes differed.
    smaller = tmp_path / "smaller.h5"
    cli_run("configs/normative.yaml", smaller, "--set", "run.dyads=300", "--seed", "11")
    c = attachsim.compare(base, smaller)
    assert not c.paired and "differ in size (400 and 300 rows)" in c.pairing
    assert c.changed.empty
    b = c.shares.set_index("label").loc["B"]
    est = attachsim.statistics.difference_of_proportions(round(b["share_b"] * 300), 300, round(b["share_a"] * 400), 400)
    assert (b["low"], b["high"]) == pytest.approx((est.low, est.high))


def test_the_command_names_damaged_files_and_bad_csv_paths_with_exit_2(base, tmp_path):
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes(base.read_bytes()[:100000])
    r = cli("compare", base, truncated, check=False)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"attachsim: error: {truncated}: cannot be read (") and "truncated" in r.stderr
    # A name the system cannot hold is refused before the report, not after it (exit 1 before 2026-12-05).
    for csv, found in [(tmp_path / "nodir" / "x.csv", "found no directory"), (tmp_path, "found a directory"),
                       (base, "expected a file other than the command's inputs"),
                       (tmp_path / ("a" * 300 + ".csv"), "expected a file name of at most 255 bytes, found one of 304 bytes"),
                       (tmp_path / ("a" * 300) / "x.csv", "File name too long")]:
        r = cli("compare", base, base, "--csv", csv, check=False)
        assert r.returncode == 2 and found in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert attachsim.read(base).kind == "run"  # the input named as --csv is untouched


def test_the_csv_is_written_whole_and_a_closed_pipe_is_quiet(base, tmp_path):
    csv = tmp_path / "d.csv"
    r = cli("compare", base, base, "--csv", csv)
    assert r.returncode == 0 and f"written: {csv}" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv"]  # no temporary file left
    assert csv.read_text().startswith("column,label,share_a")
    # `attachsim compare A B | head -1`: the reader closes the pipe; no BrokenPipeError traceback.
    p = subprocess.run(f"'{BINARY}' compare '{base}' '{base}' | head -1", shell=True, capture_output=True, text=True)
    assert p.stdout.startswith("A: ") and "Traceback" not in p.stderr and p.stderr == ""
