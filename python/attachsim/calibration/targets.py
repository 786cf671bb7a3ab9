"""The published targets of the calibration (configs/calibration/targets.yaml and
development_targets.yaml), read with PyYAML, and typed look-ups into them that name the key when
it is missing or malformed."""

from __future__ import annotations

import yaml


class CalibrationError(Exception):
    """Something that stops the calibration from being computed at all (exit code 2)."""


def read_targets(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except OSError as e:
        raise CalibrationError(f"cannot read the targets {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise CalibrationError(f"{path}: expected a YAML targets file, found bytes that are not UTF-8 text "
                               "(a result file?)") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise CalibrationError(f"{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(data, dict):
        raise CalibrationError(f"{path}: expected a map of targets at the top level")
    return data


def lookup(targets: dict, dotted: str, kind=float, required=True):
    node = targets
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            if not required:
                return None
            raise CalibrationError(f"targets.yaml has no {dotted}")
        node = node[part]
    if kind is float:
        if isinstance(node, bool) or not isinstance(node, (int, float)):
            raise CalibrationError(f"targets.yaml: {dotted} should be a number, found {node!r}")
        return float(node)
    if kind is list:
        if not (isinstance(node, list) and len(node) == 2 and all(isinstance(v, (int, float)) for v in node)):
            raise CalibrationError(f"targets.yaml: {dotted} should be a range [low, high], found {node!r}")
        return [float(v) for v in node]
    return node

