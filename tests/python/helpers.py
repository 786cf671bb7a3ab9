"""Shared by the Python tests: the repository, the attachsim binary under test ($ATTACHSIM_BINARY, which
CTest sets, else the build's), and a helper that runs it as a user would."""

from __future__ import annotations

import os
import subprocess

REPO = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BINARY = os.environ.get("ATTACHSIM_BINARY") or os.path.join(
    os.environ.get("ATTACHSIM_BUILD_DIR") or os.path.join(REPO, "build"), "attachsim")


def cli(*args, check: bool = True) -> subprocess.CompletedProcess:
    """Runs the attachsim binary from the repository root; returns the finished process (text output)."""
    proc = subprocess.run([BINARY, *map(str, args)], cwd=REPO, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"attachsim {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def cli_run(config: str, output, *args) -> None:
    cli("run", config, "-o", output, "-q", *args)
