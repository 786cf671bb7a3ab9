"""Bad input raises attachsim.InputError carrying the command line's message (what it prints after
"attachsim: error: ", exit code 2) and its parts: file, line, column, key, expected, found."""
import pytest

import attachsim
from helpers import REPO, cli


def check_same_as_cli(error: attachsim.InputError, *args):
    proc = cli(*args, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"attachsim: error: {error}"


def test_a_bad_value_in_a_file_names_file_line_column_and_key(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("run:\n  dyads: 100\ncaregiver:\n  sensitivity_mean: 1.7\n")
    with pytest.raises(attachsim.InputError) as e:
        attachsim.run(config)
    err = e.value
    assert (err.file, err.line, err.column, err.key) == (str(config), 4, 21, "caregiver.sensitivity_mean")
    assert err.found == "'1.7'" and err.expected.startswith("a number in")
    check_same_as_cli(err, "run", config, "-o", tmp_path / "never.h5")
    assert not (tmp_path / "never.h5").exists()


def test_an_unknown_override_suggests_the_nearest_key():
    with pytest.raises(attachsim.InputError) as e:
        attachsim.run("configs/normative.yaml", set={"learning.rules": "bayesian"}, dyads=10)
    assert e.value.key == "learning.rules" and "did you mean 'learning.rule'" in e.value.found
    assert e.value.file == "--set 'learning.rules=bayesian'" and e.value.line == 0
    check_same_as_cli(e.value, "run", "configs/normative.yaml", "--set", "learning.rules=bayesian",
                      "--set", "run.dyads=10")


def test_a_missing_file_and_a_bad_trial_raise_too(tmp_path):
    with pytest.raises(attachsim.InputError, match="no such file"):
        attachsim.run(tmp_path / "nothing.yaml")
    trial = tmp_path / "trial.yaml"
    trial.write_text("name: x\n")
    with pytest.raises(attachsim.InputError) as e:
        attachsim.trial(trial)
    check_same_as_cli(e.value, "trial", trial, "-o", tmp_path / "t.h5")


@pytest.mark.parametrize("call, name", [
    (lambda: attachsim.run("configs/normative.yaml", dyads=10, threads=-1), "threads"),   # was std::bad_alloc
    (lambda: attachsim.run("configs/normative.yaml", dyads=10, threads=0), "threads"),    # was all cores, silently
    (lambda: attachsim.run("configs/normative.yaml", dyads=10, seed="7"), "seed"),        # was pybind's TypeError
    (lambda: attachsim.run("configs/normative.yaml", dyads=10, seed=2 ** 64 - 1), "seed"),
    (lambda: attachsim.trial("configs/trials/van_den_boom_1994.yaml", replicates=0), "replicates"),  # an empty trial
    (lambda: attachsim.run("configs/normative.yaml", set=["run.dyads=10"]), "set"),      # was AttributeError
    # Until 2026-12-05: "100" and True were read as YAML and ran; "x" and 42 reached pybind or os.fspath.
    (lambda: attachsim.run("configs/normative.yaml", dyads="100"), "dyads"),
    (lambda: attachsim.run("configs/normative.yaml", dyads=True), "dyads"),
    (lambda: attachsim.run("configs/normative.yaml", dyads=10, generations=1.5), "generations"),
    (lambda: attachsim.run("configs/normative.yaml", dyads=10, timeseries="yes"), "timeseries"),
    (lambda: attachsim.run("configs/normative.yaml", dyads=10, progress="x"), "progress"),
    (lambda: attachsim.run(42), "config"),
    (lambda: attachsim.trial(None), "file"),
    (lambda: attachsim.sweep(3.5), "file"),
    (lambda: attachsim.sweep("configs/sweeps/sensitivity_hostility.yaml", output=7), "output"),
])
def test_arguments_of_the_wrong_kind_or_range_are_input_errors(call, name):
    # Caught before any simulation, named as the command line names them (its options' ranges).
    with pytest.raises(attachsim.InputError) as e:
        call()
    assert e.value.key == name and str(e.value).startswith(f"{name}: expected ")


def test_a_damaged_file_is_named_whatever_is_read_from_it(tmp_path):
    # Every dataset carries a Fletcher32 checksum, verified on reading: a changed byte in a chunk of
    # /dyads is found, and the error (h5py's OSError, which named no file) names the file.
    import h5py
    path = tmp_path / "run.h5"
    attachsim.run("configs/normative.yaml", dyads=30, threads=1).save(path)
    with h5py.File(path, "r") as f:
        chunk = f["dyads/ssp_12m_security"].id.get_chunk_info(0)
    data = bytearray(path.read_bytes())
    data[chunk.byte_offset + chunk.size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(attachsim.ResultError, match=f"{path}: cannot read its dyads .*damaged"):
        attachsim.read(path).dyads


def test_a_sweep_file_given_as_a_config_is_named_as_a_result(tmp_path):
    # A sweep file begins with a 512-byte checksum block, so HDF5's signature sits at byte 512.
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(f"base: {REPO}/configs/normative.yaml" +
                     "\nset: {run.dyads: 10}\nfactors:\n  - {parameter: caregiver.sensitivity_mean, values: [0.5]}\n")
    attachsim.sweep(sweep, threads=1).save(tmp_path / "sweep.h5")
    with pytest.raises(attachsim.InputError, match="found an HDF5 file"):
        attachsim.run(tmp_path / "sweep.h5")


def test_results_and_statistics_name_what_they_expected_and_found(tmp_path):
    # A path that is not one, a folder to save into, an unsaved result named as what it is (not its
    # temporary file), and the statistics' levels, counts and pairs (until 2026-12-05: TypeError,
    # IsADirectoryError on a .partial name, "/tmp/attachsim-run-.../run.h5", nan or numpy's errors).
    with pytest.raises(attachsim.ResultError, match=r"^path: expected the path of an attachsim result .*found 3 \(int\)"):
        attachsim.read(3)
    run = attachsim.run("configs/normative.yaml", dyads=30, seed=1)
    with pytest.raises(attachsim.ResultError, match=r"^b: expected a Result or the path of a run file .*found 4 \(int\)"):
        attachsim.compare(run, 4)
    with pytest.raises(attachsim.ResultError, match=r"key 'path': expected a file path, found a directory"):
        run.save(tmp_path)
    assert not list(tmp_path.iterdir())
    with pytest.raises(KeyError, match=r"the run result \(not saved\): no per-row column 'nope'"):
        run.column("nope")
    saved = run.save(tmp_path / "deeper" / "run.h5")   # missing folders are made
    with pytest.raises(KeyError, match="deeper/run.h5: no per-row column 'nope'"):
        run.column("nope")
    assert attachsim.read(saved).rows == 30

    from attachsim import statistics
    for call, message in [(lambda: statistics.wilson(11, 10), r"^k: expected a count from 0 to n = 10, found 11"),
                          (lambda: statistics.wilson(3, 10, level=2), r"^level: expected a confidence level between 0 and 1"),
                          (lambda: statistics.mean([1.0, 2.0, 3.0], level=0), r"^level: expected a confidence level"),
                          (lambda: statistics.paired_difference([1, 2, 3], [1, 2]), r"^paired_difference: expected two samples of the same length"),
                          (lambda: statistics.pearson([1, 2, 3, 4], [1, 2]), r"^pearson: expected two samples of the same length")]:
        with pytest.raises(statistics.StatisticsError, match=message):
            call()
    # A non-finite row is left out of a mediation, as of the other statistics, not an error.
    x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, float("nan")]
    m = [0.1, 1.2, 1.9, 3.1, 4.2, 4.8, 1.0]
    y = [0.0, 0.9, 2.2, 2.8, 4.1, 5.2, 1.0]
    assert statistics.mediation(x, m, y) == statistics.mediation(x[:6], m[:6], y[:6])
