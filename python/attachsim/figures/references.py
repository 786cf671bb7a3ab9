"""Published figures to draw beside simulated ones, from the calibration targets
(configs/calibration/targets.yaml), with the targets docs/calibration.md marks as known misses. A
reference is drawn only for the population it describes: the class shares of normative low-risk samples
beside a run of the normative population, those of mixed samples beside the mixed population."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .. import _paths


# The population a run's config file stands for -> the targets of that kind of sample.
POPULATION_TARGETS = {"normative": "normative_low_risk", "mixed": "high_risk.global_mixed_samples"}
CLASS_TARGETS = {"normative_low_risk": "normative_low_risk.strange_situation_12m",
                 "high_risk.global_mixed_samples": "high_risk.global_mixed_samples"}
CORRELATION_TARGET = "normative_low_risk.sensitivity_security_correlation"
CORRELATION_ROW = "sensitivity-security correlation r (normative)"   # its row in docs/calibration.md


@dataclass(frozen=True)
class Reference:
    value: object          # a number, or {class: share}
    tolerance: float
    source: str            # the first study named in the target's source
    known_miss: bool


def _targets() -> dict:
    from ..calibration.targets import CalibrationError, read_targets
    try:
        return read_targets(os.path.join(_paths.data_root(), "configs", "calibration", "targets.yaml"))
    except CalibrationError:
        return {}


def _node(targets: dict, dotted: str):
    for part in dotted.split("."):
        if not isinstance(targets, dict) or part not in targets:
            return None
        targets = targets[part]
    return targets


def short_source(text: str) -> str:
    """The first study a target's source names, up to its year: 'De Wolff & van IJzendoorn 1997'."""
    m = re.match(r"\s*(.*?\b(?:19|20)\d\d)\b", text.split(";")[0])
    return m.group(1) if m else text.split(";")[0].strip()


def population(meta: dict, generations: int) -> str | None:
    """The sample kind of a one-generation run of configs/populations/<name>.yaml or configs/<name>.yaml."""
    if generations > 1:
        return None
    stem = os.path.splitext(os.path.basename(str(meta.get("config_file", ""))))[0]
    return POPULATION_TARGETS.get(stem)


def class_shares(meta: dict, generations: int, age_label: str) -> Reference | None:
    kind = population(meta, generations)
    if kind is None or age_label != "12m":
        return None
    node = _node(_targets(), CLASS_TARGETS[kind])
    if not isinstance(node, dict) or not all(k in node for k in "ABCD"):
        return None
    return Reference({k: float(node[k]) for k in "ABCD"}, float(node.get("tolerance_abs", float("nan"))),
                     str(node.get("source", "")), False)


def correlation(meta: dict, generations: int) -> Reference | None:
    if population(meta, generations) != "normative_low_risk":
        return None
    node = _node(_targets(), CORRELATION_TARGET)
    if not isinstance(node, dict) or "r" not in node:
        return None
    from ..calibration.known_misses import from_docs
    return Reference(float(node["r"]), float(node.get("tolerance_abs", float("nan"))), str(node.get("source", "")),
                     CORRELATION_ROW in from_docs())
