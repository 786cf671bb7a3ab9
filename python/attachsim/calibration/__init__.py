"""Calibration of attachsim against published figures: the infancy targets of
configs/calibration/targets.yaml (attachsim.calibration.infancy) and the later-development and
transmission targets of configs/calibration/development_targets.yaml (attachsim.calibration.development),
computed from the per-row columns of runs. The command is attachsim.calibration.command (scripts/calibrate).

    from attachsim import calibration
    targets = calibration.read_targets("configs/calibration/targets.yaml")
    pops = {name: calibration.load_population(f"results/calibration/{name}.h5") for name in ("normative", "high_risk", "mixed")}
    print(calibration.format_markdown(calibration.compute_rows(targets, pops)))
"""

from __future__ import annotations

from .development import compute_development_rows
from .infancy import compute_infancy_rows, ssp_age_from_targets
from .population import Population, load_population
from .rows import Row, format_markdown, format_text
from .targets import CalibrationError, read_targets

__all__ = ["CalibrationError", "Population", "Row", "compute_rows", "format_markdown", "format_text",
           "load_population", "read_targets"]


def compute_rows(targets: dict, pops: dict, test_mode: bool = False, development_targets: dict | None = None) -> list[Row]:
    """One row per target: pops maps 'normative', 'high_risk' and 'mixed' (and, for the development targets,
    'generations') to Population objects."""
    rows = compute_infancy_rows(targets, pops, test_mode)
    if development_targets is not None and "generations" in pops:
        rows += compute_development_rows(development_targets, pops["generations"], ssp_age_from_targets(targets), test_mode)
    return rows
