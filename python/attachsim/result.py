"""An attachsim output file as pandas data frames: the same object whether the run happened in this
process (attachsim.run, .trial, .sweep) or is read from any file attachsim wrote (attachsim.read):
runs (with generations and preschool assessments), trials and sweeps. docs/output.md describes the
layout this reads."""

from __future__ import annotations

import glob
import os
import shutil

import numpy as np
import pandas as pd


ROW_GROUPS = ("dyads", "childhood", "generations")   # per-row columns, aligned row by row (docs/output.md)


class ResultError(ValueError):
    """The file cannot be read as an attachsim result (missing, not HDF5, not attachsim's)."""


def _text(v) -> str:
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return str(v)


def _attr(obj, name: str, default: str = "") -> str:
    return _text(obj.attrs[name]) if name in obj.attrs else default


def unmeasured(group, name: str) -> np.ndarray | None:
    """The rows of column `name` of an HDF5 group where its assessment was not given, or None if it is
    measured in every row. Such a column names, in its `measured_by` attribute, the column that reads 0
    in those rows: a label column left empty (a Strange Situation with a figure the infant does not
    have) or a 0/1 column (a home visit with a partner the infant does not have; docs/output.md). Its
    values there are 0, which is no measurement."""
    by = _attr(group[name], "measured_by")
    if not by or by not in group:
        return None
    raw = np.asarray(group[by][()])
    if raw.dtype.kind in "SO":
        return raw == (b"" if raw.dtype.kind == "S" else "")
    return raw == 0


def _labels(data: np.ndarray, units: str) -> pd.Categorical:
    """A label column (fixed-width bytes) as a Categorical. The categories come in the order the
    column's units list them (e.g. "A/B/C/D", "F/Ds/E/U") when every value is one of them, so tables
    and plots keep the field's order; else sorted. An empty label is no value: missing (NaN)."""
    values = np.char.decode(data, "ascii") if data.dtype.kind == "S" else data.astype(str)
    declared = [u for u in units.split("/") if u] if "/" in units else []
    present = set(np.unique(values)) - {""}
    categories = declared if declared and present <= set(declared) else sorted(present)
    return pd.Categorical(values, categories=categories)


def _column(group, name: str) -> np.ndarray | pd.Categorical:
    ds = group[name]
    data = ds[()]
    if data.dtype.kind in "SO":
        return _labels(np.asarray(data), _attr(ds, "units"))
    missing = unmeasured(group, name)
    if missing is not None and missing.any():
        data = data.astype(float)
        data[missing] = np.nan
    return data


def _frame(group, names: list[str] | None = None) -> pd.DataFrame:
    """The 1-D datasets of a group as columns (in `names` order, else HDF5's); values an assessment did
    not measure are missing (NaN)."""
    names = names if names is not None else [k for k in group.keys()
                                              if hasattr(group[k], "shape") and len(group[k].shape) == 1]
    return pd.DataFrame({k: _column(group, k) for k in names})


class Result:
    """One attachsim output file. Data frames are read when first used, so opening a large file is cheap.

    kind      "run", "trial", "sweep" (or "other": a file of attachsim with none of these)
    path      the file, or None for a run made in this process and not saved yet
    meta      /meta attributes (provenance: config, seed, commit, compiler, library versions ...)
    config    the resolved configuration as nested dicts (a sweep's: its base config)
    dyads     one row per dyad: /dyads with the per-row columns of /childhood and /generations;
              labels (classes, AAI categories) are categoricals in the field's order
    series    /timeseries in long form: one row per dyad and month (empty without run.timeseries)
    summary   /summary: value, unit and description of each population summary, indexed by name
    tables    every other table of the file by its path, e.g. "generations/transmission", "trial/contrasts"
    points    a sweep's /points: one row per run (empty for other files)
    report    the text `attachsim run` prints, for runs made in this process (None for files read)
    """

    def __init__(self, file: str, *, path: str | None = None, report: str | None = None, owner=None):
        self._file = file          # where the data is read from
        self.path = path
        self.report = report
        self._owner = owner        # keeps a temporary directory alive as long as the result
        self._cache: dict = {}
        import h5py
        with h5py.File(file, "r") as f:
            self.kind = "run" if "dyads" in f else "sweep" if "points" in f else "trial" if "trial" in f else "other"
            self.meta = {k: (_text(v) if isinstance(v, (bytes, str)) else v.item() if hasattr(v, "item") else v)
                         for k, v in f["meta"].attrs.items()} if "meta" in f else {}
            if self.kind == "other" and "attachsim_version" not in self.meta:
                raise ResultError(f"{path or file}: not an attachsim result (no /dyads, /points, /trial or "
                                  f"/meta with attachsim_version; top level: {', '.join(sorted(f.keys())) or 'nothing'})")

    # -- provenance ---------------------------------------------------------------------------------
    @property
    def config(self) -> dict:
        if "config" not in self._cache:
            import yaml
            text = self.meta.get("config_yaml") or self.meta.get("base_config_yaml") or ""
            try:
                self._cache["config"] = yaml.safe_load(text) or {}
            except yaml.YAMLError as e:  # HDF5 keeps no checksum on attribute strings: a changed byte shows here
                raise ResultError(f"{self.name}: /meta config_yaml is not the YAML attachsim wrote "
                                  f"({str(e).splitlines()[0]}): a damaged file") from None
        return self._cache["config"]

    def setting(self, key: str):
        """One resolved setting by its dotted key, e.g. result.setting("learning.rule")."""
        node = self.config
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ResultError(f"{self.name}: no setting '{key}' in its resolved config"
                                  + ("" if self.config else " (this file records none: a trial's arms are in /meta)"))
            node = node[part]
        return node

    # -- data ---------------------------------------------------------------------------------------
    def _read(self, what: str, fn):
        if what not in self._cache:
            import h5py
            try:
                with h5py.File(self._file, "r") as f:
                    self._cache[what] = fn(f)
            except OSError as e:  # a damaged block (checksum), a file cut short or gone: h5py names no file
                raise ResultError(f"{self.name}: cannot read its {what} ({e}): a damaged, truncated or "
                                  "unreadable HDF5 file") from None
        return self._cache[what]

    @property
    def rows(self) -> int:
        """Rows of /dyads (dyads x generations), 0 for files without /dyads."""
        def read(f):
            if "dyads" not in f:
                return 0
            lengths = {ds.shape[0] for ds in f["dyads"].values() if hasattr(ds, "shape") and len(ds.shape) == 1}
            if len(lengths) != 1:
                raise ResultError(f"{self.name}: the datasets in /dyads differ in length "
                                  f"({sorted(lengths)}): not a complete run file")
            return lengths.pop()
        return self._read("rows", read)

    @property
    def dyads(self) -> pd.DataFrame:
        def read(f):
            if "dyads" not in f:
                return pd.DataFrame()
            n = self.rows
            frames = [_frame(f["dyads"])]
            for group in ROW_GROUPS[1:]:
                if group in f:
                    names = [k for k, ds in f[group].items() if hasattr(ds, "shape") and ds.shape == (n,)]
                    frames.append(_frame(f[group], names))
            return pd.concat(frames, axis=1)
        return self._read("dyads", read)

    def column(self, name: str):
        """One per-row column without reading the others (cheap on large files)."""
        if "dyads" in self._cache:
            return self._cache["dyads"][name]
        def read(f):
            for group in ROW_GROUPS:
                if group in f and name in f[group]:
                    return _column(f[group], name)
            raise KeyError(f"{self.name}: no per-row column {name!r}")
        return self._read(f"column:{name}", read)

    @property
    def series(self) -> pd.DataFrame:
        def read(f):
            if "timeseries" not in f or "age_months" not in f["timeseries"]:
                return pd.DataFrame()
            ts = f["timeseries"]
            ages = ts["age_months"][()]
            names = [k for k in ts.keys() if k != "age_months"]
            dyads = ts[names[0]].shape[0] if names else 0
            index = pd.MultiIndex.from_product([np.arange(dyads), ages], names=["dyad", "age_months"])
            return pd.DataFrame({k: ts[k][()].reshape(-1) for k in names}, index=index)
        return self._read("series", read)

    @property
    def summary(self) -> pd.DataFrame:
        def read(f):
            rows = []
            if "summary" in f:
                for name, ds in f["summary"].items():
                    if hasattr(ds, "shape") and ds.shape == ():
                        rows.append((name, float(ds[()]), _attr(ds, "units"), _attr(ds, "description")))
            return pd.DataFrame(rows, columns=["name", "value", "unit", "description"]).set_index("name")
        return self._read("summary", read)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        def read(f):
            import h5py
            out: dict[str, pd.DataFrame] = {}
            n = self.rows

            def visit(name, obj):
                if not isinstance(obj, h5py.Group) or name in ("dyads", "meta", "summary", "timeseries", "points"):
                    return
                columns = [k for k, ds in obj.items() if isinstance(ds, h5py.Dataset) and len(ds.shape) == 1
                           and not (name in ROW_GROUPS and ds.shape == (n,))]
                if columns:
                    lengths = {obj[k].shape[0] for k in columns}
                    if len(lengths) == 1:
                        out[name] = _frame(obj, columns)
            f.visititems(visit)
            return out
        return self._read("tables", read)

    @property
    def points(self) -> pd.DataFrame:
        def read(f):
            if "points" not in f:
                return pd.DataFrame()
            p = f["points"]
            order = _attr(p, "columns").split() or list(p.keys())
            frame = _frame(p, [c for c in order if c in p])
            if "set" in frame:
                frame["set"] = frame["set"].astype(str)
            return frame
        return self._read("points", read)

    def describe(self, group: str = "dyads") -> pd.DataFrame:
        """Unit and description of each dataset of a group (e.g. "dyads", "points", "summary"), indexed by name."""
        def read(f):
            rows = [(k, _attr(ds, "units"), _attr(ds, "description")) for k, ds in f[group].items()] if group in f else []
            return pd.DataFrame(rows, columns=["name", "unit", "description"]).set_index("name")
        return self._read(f"describe:{group}", read)

    # -- saving -------------------------------------------------------------------------------------
    def save(self, path: str) -> str:
        """Writes the result to `path` in the layout of docs/output.md (the file attachsim wrote,
        byte for byte), as PATH.<pid>.partial renamed when complete, as attachsim itself writes (two
        processes saving to one path never share a temporary file); returns the path. Missing folders
        on the way are made; a folder as `path`, or a place that cannot be written, is a ResultError."""
        from ._output_file import write_atomically
        path = path_argument(path, "path", "a file path")
        if os.path.isdir(path):
            raise ResultError(f"{path}: key 'path': expected a file path, found a directory")
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)  # a notebook's own results/
            write_atomically(path, lambda partial: shutil.copyfile(self._file, partial))
        except OSError as e:
            raise ResultError(f"{path}: key 'path': expected a file path that can be written, found {e.strerror or e}") from None
        if self.path is None:
            self.path = path
        return path

    @property
    def name(self) -> str:
        """The result in messages: its path, or, not yet saved, what it is (its data lives in a temporary
        file that goes with it, whose name would mean nothing to the reader)."""
        return self.path or f"the {self.kind} result (not saved)"

    def __repr__(self) -> str:
        what = {"run": f"{self.rows:,} rows", "sweep": f"{len(self.points):,} runs"}.get(self.kind, "")
        source = self.meta.get("config_file") or self.meta.get("sweep_file") or self.meta.get("trial_file") or ""
        parts = [p for p in (what, source, f"seed {self.meta['seed']}" if "seed" in self.meta else "") if p]
        return f"<attachsim {self.kind}: {', '.join(parts)}{' · ' + self.path if self.path else ''}>"


def path_argument(value, name: str, expected: str) -> str:
    """`value` as a path string, or ResultError naming the argument when it is not a path at all."""
    if not isinstance(value, (str, os.PathLike)):
        raise ResultError(f"{name}: expected {expected} (str or os.PathLike), found {value!r} ({type(value).__name__})")
    return os.fspath(value)


def check_readable(path: str, error=ResultError) -> None:
    """Raises `error` naming the file unless it exists, is not a folder and is HDF5."""
    try:
        os.stat(path)
    except FileNotFoundError:
        pass
    except OSError as e:  # a folder on the way that cannot be entered: not "no such file"
        raise error(f"{path}: expected an attachsim result (HDF5), found a file it cannot reach ({e.strerror})") from None
    if not os.path.exists(path):
        partial = bool(glob.glob(glob.escape(path) + ".*.partial"))
        raise error(f"{path}: expected an attachsim result (HDF5), found no such file"
                    + (" (only a .partial file: the run is unfinished or was killed)" if partial else ""))
    if os.path.isdir(path):
        raise error(f"{path}: expected an attachsim result (HDF5), found a directory")
    import h5py
    try:
        hdf5 = h5py.is_hdf5(path)
    except OSError as e:  # permission denied
        raise error(f"{path}: cannot be opened ({e.strerror or e})") from None
    if not hdf5:
        raise error(f"{path}: expected an attachsim result (HDF5, as `attachsim run` writes), found a file that is not HDF5")


def read(path: str) -> Result:
    """Any attachsim output file (run, trial, sweep, generations) as a Result."""
    path = path_argument(path, "path", "the path of an attachsim result")
    check_readable(path)
    try:
        return Result(path, path=path)
    except OSError as e:  # h5py's errors do not name the file
        raise ResultError(f"{path}: cannot be read ({e}): a damaged, truncated or unreadable HDF5 file") from None
