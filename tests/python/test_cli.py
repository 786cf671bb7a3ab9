"""The command line's honest defaults, as a newcomer meets them: a run with overrides is named by them
and leaves the baseline's file alone; `attachsim compare` prints the differences (a Python
implementation behind the C++ subcommand) and fails the documented way."""
import os
import shutil

import h5py

from helpers import REPO, cli


def test_overrides_name_the_output_and_leave_the_baseline_alone(tmp_path):
    # Runs from a copy of the configs in a temporary directory, so results/ of the checkout is untouched.
    work = tmp_path / "work"
    shutil.copytree(os.path.join(REPO, "configs"), work / "configs")
    def run(*args):
        import subprocess
        from helpers import BINARY
        p = subprocess.run([BINARY, "run", "configs/normative.yaml", "--set", "run.dyads=50", *args, "--threads", "1"],
                           cwd=work, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        return p.stdout
    out = run()
    assert "written: results/normative+run.dyads=50.h5" in out
    out = run("--set", "learning.rule=bayesian")
    assert "written: results/normative+run.dyads=50+learning.rule=bayesian.h5" in out
    out = run("--seed", "7")
    assert "written: results/normative+run.dyads=50+seed=7.h5" in out
    names = sorted(os.listdir(work / "results"))
    assert names == ["normative+run.dyads=50+learning.rule=bayesian.h5", "normative+run.dyads=50+seed=7.h5",
                     "normative+run.dyads=50.h5"]
    with h5py.File(work / "results" / "normative+run.dyads=50.h5") as f:
        assert f["meta"].attrs["mechanism_learning_rule"] == "reinforcement"
    long = run(*[a for i in range(12) for a in ("--set", f"caregiver.sensitivity_mean=0.{i + 10}")])
    written = [line for line in long.splitlines() if line.startswith("written: ")][0]
    assert len(os.path.basename(written)) < 60 and written.startswith("written: results/normative+")


def test_a_trials_overrides_and_seed_name_its_output_too(tmp_path):
    # attachsim trial --set / --seed (2026-12-05) name the default output as run's do, so a trial under a
    # rival mechanism never replaces the trial as shipped; each arm's resolved config has the override.
    work = tmp_path / "work"
    shutil.copytree(os.path.join(REPO, "configs"), work / "configs")
    import subprocess
    from helpers import BINARY
    def trial(*args):
        p = subprocess.run([BINARY, "trial", "configs/trials/juffer_video_feedback_adoptive.yaml", *args, "--threads", "1"],
                           cwd=work, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        return p.stdout
    assert "written: results/juffer_video_feedback_adoptive.h5" in trial()
    out = trial("--set", "learning.rule=bayesian", "--seed", "7")
    assert "written: results/juffer_video_feedback_adoptive+learning.rule=bayesian+seed=7.h5" in out
    assert sorted(os.listdir(work / "results")) == ["juffer_video_feedback_adoptive+learning.rule=bayesian+seed=7.h5",
                                                   "juffer_video_feedback_adoptive.h5"]
    with h5py.File(work / "results" / "juffer_video_feedback_adoptive+learning.rule=bayesian+seed=7.h5") as f:
        assert "rule: bayesian" in f["meta"].attrs["config_yaml_video_feedback"]
        assert f["meta"].attrs["seed"] == 7


def test_compare_subcommand_prints_the_paired_differences(tmp_path):
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    cli("run", "configs/normative.yaml", "--set", "run.dyads=300", "-q", "-o", a)
    cli("run", "configs/normative.yaml", "--set", "run.dyads=300", "--set", "learning.rule=bayesian", "-q", "-o", b)
    out = cli("compare", a, b).stdout
    assert "B differs from A in: learning.rule: reinforcement -> bayesian" in out
    assert "Paired: the same seed" in out and "ssp_12m_class" in out
    missing = cli("compare", a, tmp_path / "none.h5", check=False)
    assert missing.returncode == 2 and "none.h5: expected an attachsim result (HDF5), found no such file" in missing.stderr


def test_meta_records_compiler_and_library_versions(tmp_path):
    path = tmp_path / "run.h5"
    cli("run", "configs/normative.yaml", "--set", "run.dyads=20", "-q", "-o", path)
    with h5py.File(path) as f:
        meta = f["meta"].attrs
        for key in ("compiler", "boost_version", "tbb_version", "hdf5_version", "yaml_cpp_version"):
            assert key in meta and str(meta[key]).strip(), key
