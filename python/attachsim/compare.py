"""Comparing two runs (`attachsim compare A.h5 B.h5`, attachsim.compare): the configuration keys that
differ, then the share of each class and the mean of each outcome in A and in B with the difference
B - A and its 95% interval.

When both runs share their seed and their dyads (the same seed, rows and generations), each dyad of
B met the same random draws as in A wherever the changed mechanism does not intervene: every stream
comes from (seed, dyad, purpose), so the runs are common-random-number twins. The differences are
then paired, dyad by dyad (t intervals of the per-dyad differences, which for a class indicator is
the paired difference of proportions), and far narrower than between independent samples; the
report also gives the share of dyads whose class changed. Otherwise the runs are independent samples:
Newcombe's interval for a difference of shares, Welch's for a difference of means."""

from __future__ import annotations

import fnmatch
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import statistics
from .result import Result, ResultError, path_argument, read


# What `compare` reports unless asked for other columns: classes, sensitivity and outcomes, with the
# father where the run assessed him (the class and security alike: until 2026-12-05 his security was
# compared and his class not), not the second coder's reading.
DEFAULT_COLUMNS = ("ssp_*m_class", "ssp_*m_partner_class", "caregiver_aai", "adult_aai", "preschool_*_class",
                   "ssp_*m_security", "ssp_*m_partner_security", "sensitivity_*m", "caregiver_sensitivity_final",
                   "preschool_*_social_competence", "preschool_*_empathy", "preschool_*_externalizing",
                   "preschool_*_internalizing")
LABEL_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant", "D": "disorganized", "F": "autonomous",
               "Ds": "dismissing", "E": "preoccupied", "U": "unresolved"}


def _flatten(config: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in config.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


@dataclass
class Comparison:
    a: Result
    b: Result
    paired: bool
    pairing: str                 # why the comparison is paired or not, in words
    settings: pd.DataFrame       # key, a, b for every resolved setting that differs (run.seed included)
    shares: pd.DataFrame         # column, label, share_a, low_a, high_a, share_b, low_b, high_b, difference, low, high
    means: pd.DataFrame          # column, mean_a, low_a, high_a, mean_b, low_b, high_b, difference, low, high, sd_a
    changed: pd.DataFrame        # paired only: column, changed (share of dyads whose label differs), n
    transitions: dict = field(default_factory=dict)   # paired only: column -> crosstab of A's label by B's

    def report(self) -> str:
        return format_report(self)


def _resolve(x, name: str) -> Result:
    """A Result, or the file at a path read as one; anything else is a ResultError naming the argument."""
    return x if isinstance(x, Result) else read(path_argument(x, name, "a Result or the path of a run file"))


def _selected(names: list[str], patterns) -> list[str]:
    """The names matching the patterns, in the patterns' order (then the file's)."""
    out = []
    for p in patterns:
        out += [n for n in names if fnmatch.fnmatchcase(n, p) and n not in out]
    return out


def compare(a, b, columns=None, all_columns: bool = False) -> Comparison:
    """Compares run B with run A (Results or paths). `columns`: glob patterns of per-row columns
    (default DEFAULT_COLUMNS); all_columns=True compares every per-row column."""
    if isinstance(columns, str):  # one pattern, not its letters
        columns = [columns]
    a, b = _resolve(a, "a"), _resolve(b, "b")
    for name, r in (("A", a), ("B", b)):
        if r.kind != "run":
            raise ResultError(f"{name} ({r.name}) is a {r.kind} file: compare takes two run files (with /dyads)")
    da, db = a.dyads, b.dyads
    common = [c for c in da.columns if c in db.columns]
    if all_columns:
        chosen = [c for c in common if c != "dyad"]
    else:
        chosen = _selected(common, columns or DEFAULT_COLUMNS)
    if not chosen:
        raise ResultError(f"no column of both runs matches {', '.join(columns or DEFAULT_COLUMNS)}")

    seed_a, seed_b = a.meta.get("seed"), b.meta.get("seed")
    gens_a = a.config.get("run", {}).get("generations", 1)
    gens_b = b.config.get("run", {}).get("generations", 1)
    if seed_a != seed_b:
        paired, pairing = False, f"the seeds differ ({seed_a} and {seed_b}): independent samples"
    elif len(da) != len(db):
        paired, pairing = False, f"the runs differ in size ({len(da):,} and {len(db):,} rows): independent samples"
    elif gens_a != gens_b:
        paired, pairing = False, f"the runs differ in generations ({gens_a} and {gens_b}): independent samples"
    else:
        paired = True
        pairing = (f"the same seed ({seed_a}) and the same {len(da):,} dyads: each dyad is compared with itself "
                   "(common random numbers), with paired intervals")

    fa, fb = _flatten(a.config), _flatten(b.config)
    settings = pd.DataFrame([(k, fa.get(k), fb.get(k)) for k in sorted(set(fa) | set(fb)) if fa.get(k) != fb.get(k)],
                            columns=["key", "a", "b"])

    share_rows, mean_rows, changed_rows, transitions = [], [], [], {}
    for col in chosen:
        xa, xb = da[col], db[col]
        if isinstance(xa.dtype, pd.CategoricalDtype) or isinstance(xb.dtype, pd.CategoricalDtype):
            cats_a = list(xa.cat.categories) if isinstance(xa.dtype, pd.CategoricalDtype) else []
            cats_b = list(xb.cat.categories) if isinstance(xb.dtype, pd.CategoricalDtype) else []
            labels = cats_a + [c for c in cats_b if c not in cats_a]
            # Shares among the rows with a label (an assessment not given leaves it missing); paired
            # statistics over the rows labelled in both runs.
            ka, kb = np.asarray(xa.notna()), np.asarray(xb.notna())
            both = ka & kb if paired else None  # runs of other sizes have no rows in common
            va, vb = np.asarray(xa.astype(str)), np.asarray(xb.astype(str))
            for label in labels:
                ia, ib = va[ka] == label, vb[kb] == label
                pa, pb = statistics.proportion(int(ia.sum()), len(ia)), statistics.proportion(int(ib.sum()), len(ib))
                diff = (statistics.paired_difference((vb[both] == label).astype(float), (va[both] == label).astype(float))
                        if paired else
                        statistics.difference_of_proportions(int(ib.sum()), len(ib), int(ia.sum()), len(ia)))
                share_rows.append((col, label, *pa, *pb, *diff))
            if paired:
                changed_rows.append((col, float(np.mean(va[both] != vb[both])) if both.any() else math.nan, int(both.sum())))
                transitions[col] = pd.crosstab(pd.Categorical(va[both], labels), pd.Categorical(vb[both], labels),
                                               rownames=["A"], colnames=["B"], dropna=False)
        else:
            ya, yb = np.asarray(xa, dtype=float), np.asarray(xb, dtype=float)
            ma, mb = statistics.mean(ya), statistics.mean(yb)
            diff = statistics.paired_difference(yb, ya) if paired else statistics.difference_of_means(yb, ya)
            sd = float(np.nanstd(ya, ddof=1)) if np.isfinite(ya).sum() > 1 else math.nan
            mean_rows.append((col, *ma, *mb, *diff, sd))
    shares = pd.DataFrame(share_rows, columns=["column", "label", "share_a", "low_a", "high_a", "share_b", "low_b",
                                               "high_b", "difference", "low", "high"])
    means = pd.DataFrame(mean_rows, columns=["column", "mean_a", "low_a", "high_a", "mean_b", "low_b", "high_b",
                                             "difference", "low", "high", "sd_a"])
    changed = pd.DataFrame(changed_rows, columns=["column", "changed", "n"])
    return Comparison(a, b, paired, pairing, settings, shares, means, changed, transitions)


def _age_words(column: str) -> str:
    m = re.search(r"_(\d+(?:p\d+)?)m(?:_|$)", column)
    return f" at {m.group(1).replace('p', '.')} months" if m else ""


def _describe(r: Result, name: str) -> str:
    gens = r.config.get("run", {}).get("generations", 1)
    rows = f"{r.rows:,} dyads" + (f" ({r.rows // gens:,} lineages x {gens} generations, pooled)" if gens > 1 else "")
    return (f"{name}: {r.path or '(not saved)'}  ({r.meta.get('config_file', '?')}, seed {r.meta.get('seed', '?')}, "
            f"{rows}, attachsim {r.meta.get('attachsim_version', '?')} {r.meta.get('git_commit', '')})")


def _pp(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x * 100:+.1f}"


def _num(x: float, digits: int = 3) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:.{digits}f}"


def _signed(x: float, digits: int = 4) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:+.{digits}f}"


def format_report(c: Comparison) -> str:
    lines = [_describe(c.a, "A"), _describe(c.b, "B")]
    differ = c.settings[c.settings["key"] != "run.seed"]
    if len(differ):
        lines.append("B differs from A in: " + "; ".join(f"{k}: {va} -> {vb}" for k, va, vb in differ.itertuples(index=False)))
    else:
        lines.append("A and B have the same configuration" + ("" if c.paired else " (but not the same seed)"))
    lines.append(f"Paired: {c.pairing}." if c.paired else f"Not paired: {c.pairing}.")
    lines.append("Shares in %, differences B - A in percentage points, means in the column's units; intervals 95%"
                 + (" (paired t)." if c.paired else " (Newcombe for shares, Welch for means)."))
    for col, group in c.shares.groupby("column", sort=False):
        lines.append("")
        lines.append(f"{col}{_age_words(col)}")
        lines.append(f"  {'':16} {'A':>22} {'B':>22}   B - A [95% CI]")
        for r in group.itertuples(index=False):
            name = f"{r.label} {LABEL_NAMES.get(r.label, '')}".strip()
            lines.append(f"  {name:16} {r.share_a * 100:6.1f} [{r.low_a * 100:5.1f}, {r.high_a * 100:5.1f}]"
                         f" {r.share_b * 100:6.1f} [{r.low_b * 100:5.1f}, {r.high_b * 100:5.1f}]"
                         f"   {_pp(r.difference)} [{_pp(r.low)}, {_pp(r.high)}]")
        ch = c.changed[c.changed["column"] == col]
        if len(ch):
            lines.append(f"  dyads whose label differs between A and B: {ch['changed'].iloc[0] * 100:.1f}%")
    if len(c.means):
        lines.append("")
        width = max(len(x) for x in c.means["column"])
        lines.append(f"  {'mean':{width}} {'A':>9} {'B':>9}   B - A [95% CI]")
        for r in c.means.itertuples(index=False):
            lines.append(f"  {r.column:{width}} {_num(r.mean_a):>9} {_num(r.mean_b):>9}   "
                         f"{_signed(r.difference)} [{_signed(r.low)}, {_signed(r.high)}]")
    return "\n".join(lines)
