"""scripts/calibrate refuses bad options and inputs before it runs anything (exit code 2, one line)."""
import os
import subprocess

from helpers import BINARY, REPO


def calibrate(*args, out):
    env = dict(os.environ, ATTACHSIM_BINARY=BINARY)
    return subprocess.run([os.path.join(REPO, "scripts", "calibrate"), "--out", str(out), *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_dyads_and_seed_are_options_not_overrides(tmp_path):
    # --set run.dyads=30 ran 30 dyads under a header that said 20000.
    p = calibrate("--set", "run.dyads=30", out=tmp_path)
    assert p.returncode == 2 and "give those instead" in p.stderr
    p = calibrate("--set", "mixed:run.seed=3", out=tmp_path)
    assert p.returncode == 2 and "give those instead" in p.stderr
    assert not any(tmp_path.iterdir())


def test_a_targets_file_that_is_not_text_and_a_folder_for_the_table_are_named(tmp_path):
    binary_file = tmp_path / "targets.h5"
    binary_file.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(range(256)))
    p = calibrate("--targets", binary_file, out=tmp_path / "out")
    assert p.returncode == 2 and "not UTF-8 text" in p.stderr and "Traceback" not in p.stderr, p.stderr
    (tmp_path / "out2" / "calibration.md").mkdir(parents=True)
    p = calibrate("--dyads", 10, out=tmp_path / "out2")
    assert p.returncode == 2 and "found a directory" in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert sorted(f.name for f in (tmp_path / "out2").iterdir()) == ["calibration.md"]  # no run was made
