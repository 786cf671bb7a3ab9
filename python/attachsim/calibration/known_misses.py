"""The calibration targets the model is known to miss, as docs/calibration.md marks them: rows of its
table whose result reads "MISS (known)" (the page explains each). scripts/calibrate reports these as
MISS (known) unless told otherwise with --known-miss, and the figures say so beside the published value."""

from __future__ import annotations

import os
import re

from .. import _paths


def docs_path() -> str:
    return os.path.join(_paths.data_root(), "docs", "calibration.md")


def table_rows(path: str | None = None) -> list[tuple[str, str]]:
    """(target, result) of every row of the calibration table in docs/calibration.md ([] without the file)."""
    path = path or docs_path()
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    header, rows = None, []
    for line in lines:
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if header is None:
            header = cells
            continue
        if "target" in header and "result" in header and len(cells) == len(header) and not set(cells[0]) <= set("-:"):
            rows.append((cells[header.index("target")].replace("\\|", "|"), cells[header.index("result")].strip("*")))
    return rows


def from_docs(path: str | None = None) -> list[str]:
    """Target names marked MISS (known) in the table of docs/calibration.md."""
    return [target for target, result in table_rows(path) if result == "MISS (known)"]
