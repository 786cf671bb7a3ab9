"""Writing an output file of the Python commands (a CSV, a calibration table) as attachsim writes its
HDF5 files: the path checked before any work (an existing folder, not a folder itself, none of the
command's inputs), the file written under a temporary name of its own and renamed when complete, so
that a failure or Ctrl-C never leaves a partial file, or an overwritten input, at the path."""

from __future__ import annotations

import os

from .result import ResultError


def check_output_path(path, inputs=(), option: str = "output") -> None:
    """Raises ResultError (exit code 2 in the commands) unless `path` can take the output."""
    path = os.fspath(path)
    folder = os.path.dirname(path) or "."
    name_bytes = len(os.fsencode(os.path.basename(path)))
    if name_bytes > 255:
        raise ResultError(f"{path}: key '{option}': expected a file name of at most 255 bytes, found one of {name_bytes} bytes")
    try:
        os.stat(folder)
    except FileNotFoundError:
        raise ResultError(f"{path}: key '{option}': expected a file path in an existing directory, found no directory '{folder}'") from None
    except OSError as e:  # a folder that cannot be entered, a name too long: before any work, not at the end
        raise ResultError(f"{path}: key '{option}': expected a file path in an existing directory, found '{folder}': {e.strerror}") from None
    if not os.path.isdir(folder):
        raise ResultError(f"{path}: key '{option}': expected a file path in an existing directory, found no directory '{folder}'")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ResultError(f"{path}: key '{option}': expected a file path in a directory this user can write in, "
                          f"found '{folder}', which it cannot")
    if os.path.isdir(path):
        raise ResultError(f"{path}: key '{option}': expected a file path, found a directory")
    for given in inputs:
        given = os.fspath(given)
        if os.path.exists(path) and os.path.exists(given) and os.path.samefile(path, given):
            raise ResultError(f"{path}: key '{option}': expected a file other than the command's inputs, found '{given}'")


def write_atomically(path, write) -> None:
    """Calls write(temporary_path), then renames the temporary file to `path`; removes it on any failure."""
    path = os.fspath(path)
    temporary = f"{path}.{os.getpid()}.partial"
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
