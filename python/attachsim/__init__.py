"""attachsim from Python: run scenarios, trials and sweeps in this process with the same engine, seeds
and threads as the `attachsim` command line, and get pandas data frames back.

    import attachsim
    base = attachsim.run("configs/normative.yaml", dyads=2000, seed=1)
    bayes = attachsim.run("configs/normative.yaml", set={"learning.rule": "bayesian"}, dyads=2000, seed=1)
    base.dyads["ssp_12m_class"].value_counts(normalize=True)
    print(attachsim.compare(base, bayes).report())

run, trial and sweep return a Result (attachsim.result): .dyads, .series, .summary, .tables, .points,
.meta, .config and .save(path); attachsim.read(path) gives the same object from any output file.
Bad input raises attachsim.InputError with the command line's message and its file, line, column and
key. Config paths are taken relative to the working directory, else to the project's folder (the
checkout, or share/attachsim when installed), so "configs/normative.yaml" works from a notebook anywhere.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping

from . import _paths
from .compare import Comparison, compare
from .errors import ExtensionMissing, InputError
from .result import Result, ResultError, read
from .sensitivity import DesignError, sobol

__all__ = ["Comparison", "DesignError", "ExtensionMissing", "InputError", "Result", "ResultError", "build_info",
           "check", "compare", "params", "read", "run", "sobol", "sweep", "trial"]
__version__ = "0.1.0"


def _native():
    from ._extension import load
    return load()


def _as_path(path, name: str) -> str:
    """`path` as a str, or InputError naming the argument when it is not a path at all."""
    if not isinstance(path, (str, os.PathLike)):
        found = f"{path!r} ({type(path).__name__})"
        raise InputError(f"{name}: expected a file path (str or os.PathLike), found {found}",
                         file=name, key=name, expected="a file path", found=found)
    return os.fspath(path)


def _path(path, name: str = "config") -> str:
    """A relative path that does not exist here is taken relative to the project's folder."""
    path = _as_path(path, name)
    if not os.path.isabs(path) and not os.path.exists(path):
        candidate = os.path.join(_paths.data_root(), path)
        if os.path.exists(candidate):
            return candidate
    return path


def _yaml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _overrides(settings: Mapping | None, **named) -> list[str]:
    """--set options in the order given: `set` first, then the named shortcuts (dyads, ...)."""
    if settings is not None and not isinstance(settings, Mapping):
        found = f"{settings!r} ({type(settings).__name__})"
        raise InputError(f"set: expected a mapping of dotted keys to values, e.g. {{'run.dyads': 500}}, found {found}",
                         file="set", key="set", expected="a mapping of dotted keys to values", found=found)
    out = [f"{key}={_yaml_value(value)}" for key, value in (settings or {}).items()]
    out += [f"{key}={_yaml_value(value)}" for key, value in named.items() if value is not None]
    return out


def _whole(value, name: str, low: int, high: int) -> int:
    """`value` as an int in [low, high], or InputError as the command line words it: a bool, a float,
    a string or a number out of range is refused here, not deep in the extension."""
    import numbers
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= int(value) <= high:
        found = repr(value) if isinstance(value, (bool, numbers.Integral)) else f"{value!r} ({type(value).__name__})"
        raise InputError(f"{name}: expected a whole number from {low} to {high}, found {found}",
                         file=name, key=name, expected=f"a whole number from {low} to {high}", found=found)
    return int(value)


def _count(value, name: str) -> int | None:
    """A whole number (its range is the parameter's, checked by the engine), or InputError: a bool, a
    float or a string is refused here (the engine would read "100" and True as YAML)."""
    import numbers
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        found = f"{value!r} ({type(value).__name__})"
        raise InputError(f"{name}: expected a whole number, found {found}", file=name, key=name,
                         expected="a whole number", found=found)
    return int(value)


def _flag(value, name: str) -> bool | None:
    """True or False (None where the argument is optional), or InputError."""
    if value is None or isinstance(value, bool):
        return value
    found = f"{value!r} ({type(value).__name__})"
    raise InputError(f"{name}: expected True or False, found {found}", file=name, key=name,
                     expected="True or False", found=found)


LARGEST_SEED = 2 ** 53 - 1  # run.seed's and trial.seed's declared maximum: exact in a double


def _threads(threads: int | None) -> int:
    return _whole(threads, "threads", 1, 4096) if threads is not None else max(1, os.cpu_count() or 1)


def _seed(seed: int | None) -> int | None:
    return None if seed is None else _whole(seed, "seed", 0, LARGEST_SEED)


def run(config, set: Mapping | None = None, *, dyads: int | None = None, seed: int | None = None,
        threads: int | None = None, timeseries: bool | None = None, generations: int | None = None,
        progress: bool = False) -> Result:
    """Simulates a scenario as `attachsim run CONFIG --set KEY=VALUE ... [--seed S] [--threads T]` does.
    set: {dotted key: value} overrides; dyads, timeseries and generations are shortcuts for run.dyads,
    run.timeseries and run.generations; seed overrides run.seed; threads defaults to all cores (the
    result does not depend on it). progress=True shows the progress on stderr."""
    overrides = _overrides(set, **{"run.dyads": _count(dyads, "dyads"), "run.timeseries": _flag(timeseries, "timeseries"),
                                   "run.generations": _count(generations, "generations")})
    progress = _flag(progress, "progress")
    tmp = tempfile.TemporaryDirectory(prefix="attachsim-run-")
    output = os.path.join(tmp.name, "run.h5")
    info = _native().run(_path(config), overrides, _seed(seed), _threads(threads), output, progress)
    return Result(output, report=info["report"], owner=tmp)


def trial(file, set: Mapping | None = None, *, replicates: int | None = None, seed: int | None = None, economics=None,
          threads: int | None = None, progress: bool = False) -> Result:
    """A simulated randomized trial, as `attachsim trial TRIAL.yaml [--set KEY=VALUE ...] [--replicates N]
    [--seed S] [--economics FILE]` does: `set` overrides parameters of every arm's population (after the
    trial's own `set:`, before an arm's own settings); `economics` replaces the trial's own economics file
    (docs/guide_economics.md). The result's `report` holds what the command prints; progress=True shows
    the progress on stderr."""
    tmp = tempfile.TemporaryDirectory(prefix="attachsim-trial-")
    output = os.path.join(tmp.name, "trial.h5")
    replicates = None if replicates is None else _whole(replicates, "replicates", 1, 100000)
    info = _native().trial(_path(file, "file"), _overrides(set), output, replicates, _seed(seed),
                           _path(economics, "economics") if economics else "", _threads(threads), _flag(progress, "progress"))
    return Result(output, report=_without_written(info["report"]), owner=tmp)


def sweep(file, *, output=None, threads: int | None = None, progress: bool = False) -> Result:
    """A parameter sweep, as `attachsim sweep SWEEP.yaml [-o OUTPUT]` does (locally: no MPI, no shards).
    With `output`, the sweep is written there and is resumable as the command's is: interrupted (Ctrl-C),
    it keeps OUTPUT.progress, and the same call carries on from it; without it, the sweep lives in a
    temporary file that goes with the Result (save() keeps it). The result's `report` holds what the
    command prints; progress=True shows the design and the progress on stderr."""
    file, threads, progress = _path(file, "file"), _threads(threads), _flag(progress, "progress")
    if output is not None:
        from ._output_file import check_output_path
        output = os.path.abspath(_as_path(output, "output"))
        check_output_path(output, option="output")
        info = _native().sweep(file, output, threads, progress)
        return Result(output, path=output, report=info["report"])
    tmp = tempfile.TemporaryDirectory(prefix="attachsim-sweep-")
    temporary = os.path.join(tmp.name, "sweep.h5")
    info = _native().sweep(file, temporary, threads, progress)
    return Result(temporary, report=_without_written(info["report"]), owner=tmp)


def _without_written(report: str) -> str:
    """The command's report without its "written:" line where the file is a temporary one of the
    Result's (as `run`'s report has none): the path would name a file that goes with the Result."""
    return "".join(line for line in report.splitlines(keepends=True) if not line.startswith("written: "))


def params():
    """Every parameter of a scenario as a DataFrame indexed by key: default (as text, as `attachsim
    params` prints it), allowed values, unit, meaning and source."""
    import pandas as pd
    return pd.DataFrame(_native().params()).set_index("key")


def check(config, set: Mapping | None = None, *, seed: int | None = None) -> str:
    """The resolved configuration as YAML, every default filled in (`attachsim check`)."""
    return _native().check(_path(config), _overrides(set), _seed(seed))


def build_info() -> dict:
    """Version, commit, compiler and library versions of the extension's build (as recorded in /meta)."""
    return dict(_native().build_info())
