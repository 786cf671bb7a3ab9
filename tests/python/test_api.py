"""attachsim.run, .trial, .sweep, .params and .check against the command line: the same config and seed
give bitwise the same per-row columns (whatever the thread counts), the same /summary and provenance;
Result reads every kind of file; save() writes the layout attachsim writes."""
import h5py
import numpy as np
import pandas as pd

import attachsim
from helpers import REPO, cli, cli_run

ROW_GROUPS = ("dyads", "childhood", "generations")


def bits(x) -> np.ndarray:
    """An array's bytes, so NaNs and signed zeros compare bitwise."""
    a = np.ascontiguousarray(x)
    return a.view(np.uint8)


def assert_rows_bitwise(result: attachsim.Result, path):
    with h5py.File(path) as f:
        names = [(g, k) for g in ROW_GROUPS if g in f for k, ds in f[g].items()
                 if isinstance(ds, h5py.Dataset) and ds.shape == (result.rows,)]
        assert names
        frame = result.dyads
        for group, name in names:
            raw = f[group][name][()]
            col = frame[name]
            if raw.dtype.kind == "S":
                assert list(col.astype(str)) == [v.decode() for v in raw], name
            else:
                assert col.dtype == raw.dtype, name
                assert np.array_equal(bits(col.to_numpy()), bits(raw)), name


def test_run_equals_the_cli_bitwise_across_thread_counts(tmp_path):
    cli_path = tmp_path / "cli.h5"
    cli_run("configs/normative.yaml", cli_path, "--set", "run.dyads=600", "--set", "learning.rule=bayesian",
            "--set", "run.timeseries=true", "--seed", "7", "--threads", "2")
    r = attachsim.run("configs/normative.yaml", set={"learning.rule": "bayesian", "run.timeseries": True}, dyads=600,
                      seed=7, threads=1)
    assert r.kind == "run" and r.rows == 600
    assert_rows_bitwise(r, cli_path)
    with h5py.File(cli_path) as f:
        for key in ("config_yaml", "config_sha1", "seed", "git_commit", "mechanism_learning_rule"):
            assert r.meta[key] == (f["meta"].attrs[key].decode() if isinstance(f["meta"].attrs[key], bytes)
                                   else f["meta"].attrs[key]), key
        for name, ds in f["summary"].items():
            assert np.array_equal(bits(np.float64(r.summary.loc[name, "value"])), bits(ds[()])), name
        assert np.array_equal(bits(r.series.to_numpy()[:, 0]), bits(np.asarray(
            f["timeseries"][sorted(k for k in f["timeseries"] if k != "age_months")[0]][()]).reshape(-1)))
    assert r.meta["threads"] == 1
    assert r.setting("learning.rule") == "bayesian"
    assert "600 dyads" in r.report


def test_generations_run_equals_the_cli_bitwise(tmp_path):
    cli_path = tmp_path / "gen.h5"
    cli_run("configs/generations.yaml", cli_path, "--set", "run.dyads=120", "--seed", "3")
    r = attachsim.run("configs/generations.yaml", dyads=120, seed=3)
    assert r.rows == 360
    assert_rows_bitwise(r, cli_path)
    assert "generations/transmission" in r.tables and "childhood/outcomes_by_infant_class" in r.tables


def test_labels_are_categoricals_in_the_fields_order(tmp_path):
    r = attachsim.run("configs/normative.yaml", dyads=200, seed=1)
    col = r.dyads["ssp_12m_class"]
    assert isinstance(col.dtype, pd.CategoricalDtype)
    assert list(col.cat.categories) == ["A", "B", "C", "D"]
    assert list(r.dyads["caregiver_aai"].cat.categories) == ["F", "Ds", "E", "U"]


def test_save_writes_the_file_read_gives_the_same_object(tmp_path):
    r = attachsim.run("configs/normative.yaml", dyads=200, seed=1)
    saved = r.save(tmp_path / "saved.h5")
    again = attachsim.read(saved)
    pd.testing.assert_frame_equal(r.dyads, again.dyads)
    pd.testing.assert_frame_equal(r.summary, again.summary)
    assert again.meta == r.meta and r.path == str(saved)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saved.h5"]  # no PATH.<pid>.partial left


def test_trial_and_sweep_run_in_process_and_read_back(tmp_path):
    t = attachsim.trial("configs/trials/juffer_video_feedback_adoptive.yaml", replicates=2, seed=5)
    assert t.kind == "trial" and "trial/contrasts" in t.tables and len(t.tables["trial/contrasts"]) > 0
    cli("trial", "configs/trials/juffer_video_feedback_adoptive.yaml", "--replicates", "2", "--seed", "5", "-q",
        "-o", tmp_path / "trial.h5")
    pd.testing.assert_frame_equal(t.tables["trial/contrasts"], attachsim.read(tmp_path / "trial.h5").tables["trial/contrasts"])
    sweep_file = tmp_path / "sweep.yaml"
    sweep_file.write_text(f"base: {REPO}/configs/normative.yaml\nset:\n  run.dyads: 40\nseed: 3\nreplicates: 1\n"
                          "factors:\n  - parameter: learning.rule\n    values: [reinforcement, bayesian]\n"
                          "outcomes: [ssp_12m_share_B]\n")
    # A trial priced with the shipped economics file: its summary marks every number simulated or projected.
    priced = tmp_path / "priced.yaml"
    priced.write_text(f"trial:\n  name: priced\n  population: {REPO}/configs/populations/normative.yaml\n"
                      "  set: {development.span_months: 42}\n  screened: 40\n  enrolled: 40\n  seed: 3\n"
                      "  follow_up:\n    - {age_months: 42, instruments: [preschool]}\n  arms:\n"
                      "    - {name: control, allocation: 0.5}\n"
                      "    - {name: program, allocation: 0.5, program: {type: sensitivity, start_months: 6, end_months: 9}}\n")
    e = attachsim.trial(priced, economics=f"{REPO}/configs/economics/us_2010.yaml")
    summary = e.tables["trial/economics/summary"]
    assert set(summary["basis"].astype(str)) == {"simulated", "projected"} and len(summary) > 0
    s = attachsim.sweep(sweep_file)
    assert s.kind == "sweep" and list(s.points["learning.rule"].astype(str)) == ["reinforcement", "bayesian"]


def test_trial_and_sweep_keep_their_report_and_show_progress_only_when_asked(tmp_path, capfd):
    # The report is what the command prints on stdout, whether or not the progress is shown on stderr
    # (it was None unless progress=True), and a report does not take the number format an earlier call
    # left (a sweep's two decimals made a later trial's "12 months" "12.00 months"). The CLI adds the
    # runtime and the written file.
    def lines(text):
        kept = [line for line in text.splitlines() if not line.startswith(("runtime:", "written:"))]
        return "\n".join(kept).strip().splitlines()
    sweep_file = tmp_path / "sweep.yaml"
    sweep_file.write_text(f"base: {REPO}/configs/normative.yaml\nset:\n  run.dyads: 30\nseed: 3\nreplicates: 1\n"
                          "factors:\n  - parameter: learning.rule\n    values: [reinforcement, bayesian]\n"
                          "outcomes: [ssp_12m_share_B]\n")
    s = attachsim.sweep(sweep_file, threads=1)
    assert capfd.readouterr().err == "" and s.report.startswith("sweep: 2 runs in ")
    attachsim.sweep(sweep_file, threads=1, progress=True)
    assert "2 points x 1 replicates = 2 runs" in capfd.readouterr().err
    trial = "configs/trials/juffer_video_feedback_adoptive.yaml"
    quiet = attachsim.trial(trial, replicates=2, seed=5, threads=1)
    captured = capfd.readouterr()
    # Nothing on the process's stdout either: the runtime line went there by printf until 2026-12-05.
    assert captured.err == "" and captured.out == ""
    assert "runtime:" in quiet.report
    shown = attachsim.trial(trial, replicates=2, seed=5, threads=1, progress=True)
    assert "replicates: 2/2" in capfd.readouterr().err
    printed = cli("trial", trial, "--replicates", "2", "--seed", "5", "-o", tmp_path / "trial.h5").stdout
    assert lines(quiet.report) == lines(shown.report) == lines(printed)
    assert "at 12 months" in quiet.report and "control" in quiet.report


def test_params_and_check():
    p = attachsim.params()
    assert p.loc["learning.rule", "default"] == "reinforcement"
    assert {"default", "allowed", "unit", "meaning", "source"} <= set(p.columns)
    text = attachsim.check("configs/normative.yaml", {"run.dyads": 5})
    assert text == cli("check", "configs/normative.yaml", "--set", "run.dyads=5").stdout


def test_a_sweep_with_an_output_path_is_written_there_and_resumes_from_its_checkpoint(tmp_path):
    # sweep(output=...) writes where the command's -o would, its report naming the file; without it the
    # sweep lives in a temporary file, and neither its report nor a trial's names that file. (Resuming
    # from OUTPUT.progress after Ctrl-C is the engine's, tested with the command in test_sweep_cli.)
    sweep_file = tmp_path / "sweep.yaml"
    sweep_file.write_text(f"base: {REPO}/configs/normative.yaml\nset:\n  run.dyads: 30\nseed: 3\nreplicates: 1\n"
                          "factors:\n  - parameter: learning.rule\n    values: [reinforcement, bayesian]\n"
                          "outcomes: [ssp_12m_share_B]\n")
    out = tmp_path / "sweep.h5"
    s = attachsim.sweep(sweep_file, output=out, threads=1)
    assert s.path == str(out) and out.exists() and f"written: {out}" in s.report
    temporary = attachsim.sweep(sweep_file, threads=1)
    assert "written:" not in temporary.report and temporary.path is None
    pd.testing.assert_frame_equal(s.points, temporary.points)
    trial = attachsim.trial("configs/trials/juffer_video_feedback_adoptive.yaml", seed=5, threads=1)
    assert "written:" not in trial.report and "runtime:" in trial.report


def test_compare_takes_the_fathers_class_by_default_where_he_was_assessed(tmp_path):
    # Until 2026-12-05 the default patterns took his security (ssp_*_security) and not his class.
    father = {"strange_situation.with_partner": True}
    a = attachsim.run("configs/normative.yaml", set=father, dyads=200, seed=1, threads=1)
    b = attachsim.run("configs/normative.yaml", set={**father, "learning.rule": "bayesian"}, dyads=200, seed=1, threads=1)
    c = attachsim.compare(a, b)
    assert {"ssp_12m_class", "ssp_12m_partner_class"} <= set(c.shares["column"])
    assert {"ssp_12m_security", "ssp_12m_partner_security"} <= set(c.means["column"])


def test_a_trial_with_overrides_equals_the_command_with_set(tmp_path):
    # trial(set=...) is `attachsim trial --set`: the same contrasts bit for bit, each arm's config and
    # /meta's overrides carrying the setting.
    design = "configs/trials/juffer_video_feedback_adoptive.yaml"
    t = attachsim.trial(design, {"learning.rule": "bayesian"}, seed=5, threads=1)
    cli("trial", design, "--set", "learning.rule=bayesian", "--seed", "5", "-q", "-o", tmp_path / "trial.h5")
    printed = attachsim.read(tmp_path / "trial.h5")
    pd.testing.assert_frame_equal(t.tables["trial/contrasts"], printed.tables["trial/contrasts"])
    assert t.meta["overrides"] == printed.meta["overrides"] == "learning.rule=bayesian\n"
    assert "rule: bayesian" in t.meta["config_yaml_control"]
    plain = attachsim.trial(design, seed=5, threads=1)
    assert "rule: reinforcement" in plain.meta["config_yaml_control"] and plain.meta["overrides"] == ""
