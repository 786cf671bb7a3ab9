"""The exceptions of the package. InputError is the CLI's bad input (exit code 2) as a Python
exception: the same message, and its parts as attributes."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: a config, sweep or trial file, an override or an option. str(e) is the message the
    command line prints after "attachsim: error: "; file, line, column (1-based; 0 when the problem is
    not at a place in a file), key, expected and found are its parts."""

    def __init__(self, message: str, file: str = "", line: int = 0, column: int = 0, key: str = "",
                 expected: str = "", found: str = ""):
        super().__init__(message)
        self.file, self.line, self.column = file, line, column
        self.key, self.expected, self.found = key, expected, found


class ExtensionMissing(ImportError):
    """The compiled part of the package (_attachsim) is not built or not found."""
