"""One calibration run read back from its HDF5 file: the per-row columns of /dyads (and of
/childhood and /generations when present) and /meta, with errors that say what the config lacks."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

import numpy as np

from .targets import CalibrationError


def _age_months(label: str) -> float:
    return float(label.replace("p", "."))


@dataclass
class Population:
    name: str
    path: str
    columns: dict
    meta: dict
    n: int

    def column(self, name: str) -> np.ndarray:
        if name not in self.columns:
            family = name.split("_")[0] + "_"
            similar = sorted(c for c in self.columns if c.startswith(family))
            hint = ""
            if name.startswith("ssp_"):
                hint = f"; the config must assess the Strange Situation at {name.split('_')[1]} (strange_situation.ages_months)"
            raise CalibrationError(
                f"the {self.name} run {self.path}: /dyads has no column {name!r}, which the calibration needs "
                f"({family}* columns present: {', '.join(similar) or 'none'}{hint})")
        return self.columns[name]

    def classes(self, age: str) -> np.ndarray:
        raw = self.column(f"ssp_{age}_class")
        classes = np.char.decode(np.asarray(raw, dtype="S2"), "ascii")
        unassessed = int(np.sum(classes == ""))
        if unassessed:
            # The published figures are of infants with their primary caregiver, every infant assessed.
            raise CalibrationError(
                f"the {self.name} run {self.path}: {unassessed} of {len(classes)} infants have no Strange Situation class at "
                f"{age} (strange_situation.figure names a figure they do not have); the calibration compares the "
                f"primary caregiver's Strange Situation with the published figures: leave strange_situation.figure at primary")
        return classes

    def sensitivity_column(self, age: str) -> str:
        """The observed sensitivity at the latest observation age at or before the Strange Situation."""
        limit = _age_months(age.rstrip("m"))
        found = []
        for name in self.columns:
            m = re.fullmatch(r"sensitivity_([0-9]+(?:p[0-9]+)?)m", name)
            if m:
                found.append((_age_months(m.group(1)), name))
        eligible = [x for x in found if x[0] <= limit + 1e-9]
        if not eligible:
            raise CalibrationError(
                f"the {self.name} run {self.path}: no observed sensitivity at or before {age} (columns sensitivity_<age>m found: "
                f"{', '.join(n for _, n in sorted(found)) or 'none'}); set sensitivity_observation.ages_months "
                f"to include an age <= {limit:g} in the config")
        return max(eligible)[1]


def load_population(path: str, name: str | None = None) -> Population:
    try:
        import h5py
    except ImportError:
        raise CalibrationError(f"{sys.executable} cannot import h5py; run this through scripts/calibrate, "
                               f"which picks a python3 that can (apt-get install python3-h5py)") from None
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise CalibrationError(f"cannot open {path}: {e}") from None
    with f:
        if "dyads" not in f:
            raise CalibrationError(f"{path} has no /dyads group: not an attachsim output file?")
        columns = {k: v[()] for k, v in f["dyads"].items()}
        rows = len(next(iter(columns.values()))) if columns else 0
        for group in ("childhood", "generations"):  # per-row columns beside /dyads, when present
            if group in f:
                columns.update({k: v[()] for k, v in f[group].items()
                                if isinstance(v, h5py.Dataset) and v.shape == (rows,)})
        meta = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f["meta"].attrs.items()} if "meta" in f else {}
    lengths = {len(v) for v in columns.values()}
    if len(lengths) != 1:
        raise CalibrationError(f"{path}: /dyads columns differ in length: {sorted(lengths)}")
    return Population(name or os.path.splitext(os.path.basename(path))[0], path, columns, meta, lengths.pop())


