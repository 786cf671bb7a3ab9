"""Bad input raises attachsim.InputError carrying the command line's message (what it prints after
"attachsim: error: ", exit code 2) and its parts: file, line, column, key, expected, found."""
import pytest

import attachsim
from helpers import cli


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
