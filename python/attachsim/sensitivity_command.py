"""python3 -m attachsim sobol SWEEP.h5: the Sobol indices of a Saltelli sweep as a table (and CSV).
Exit codes: 0 done, 2 bad input (not a sweep, a design the estimators cannot use, an unknown outcome)."""

from __future__ import annotations

import argparse
import math
import os
import sys

from ._output_file import check_output_path, write_atomically
from .result import ResultError
from .sensitivity import BOOTSTRAP_SEED, DesignError, sobol


def format_table(table) -> str:
    def cell(v, lo, hi):
        return "n/a" if not math.isfinite(v) else f"{v:6.3f} [{lo:6.3f}, {hi:6.3f}]"
    lines = []
    keys = [c for c in table.columns if c not in ("outcome", "factor", "first", "first_low", "first_high", "total",
                                                  "total_low", "total_high", "variance", "noise_share", "base_rows")]
    for _, part in table.groupby(keys + ["outcome"] if keys else "outcome", sort=False):
        head = part.iloc[0]
        where = ", ".join(f"{k} = {head[k]}" for k in keys)
        noise = "" if not math.isfinite(head["noise_share"]) else f"; simulation noise {head['noise_share'] * 100:.1f}% of it"
        lines.append(f"{head['outcome']}{' (' + where + ')' if where else ''}: variance {head['variance']:.4g} over "
                     f"{head['base_rows']} base rows{noise}")
        width = max(len(f) for f in part["factor"])
        lines.append(f"  {'factor':{width}}  {'first order S [95% CI]':>26}  {'total ST [95% CI]':>26}")
        for r in part.itertuples(index=False):
            lines.append(f"  {r.factor:{width}}  {cell(r.first, r.first_low, r.first_high):>26}  "
                         f"{cell(r.total, r.total_low, r.total_high):>26}")
        lines.append("")
    return "\n".join(lines).rstrip()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog=os.environ.get("ATTACHSIM_PROG", "python3 -m attachsim sobol"),
                                description="First-order and total Sobol indices (Saltelli 2010, Jansen 1999) of the "
                                            "outcomes of a sweep with sampling: saltelli, with bootstrap intervals.")
    p.add_argument("sweep", metavar="SWEEP.h5")
    p.add_argument("--outcome", action="append", default=None, metavar="NAME", help="an outcome (default: all)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="B", help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=BOOTSTRAP_SEED, metavar="S", help="bootstrap seed")
    p.add_argument("--csv", default=None, metavar="FILE", help="also write the table as CSV")
    args = p.parse_args(argv)
    try:
        if args.csv:
            check_output_path(args.csv, [args.sweep], "--csv")
        table = sobol(args.sweep, args.outcome, args.bootstrap, seed=args.seed)
    except (DesignError, ResultError) as e:
        print(f"sobol: error: {e}", file=sys.stderr)
        return 2
    print(format_table(table))
    if args.csv:
        try:
            write_atomically(args.csv, lambda temporary: table.to_csv(temporary, index=False))
        except OSError as e:
            print(f"sobol: error: cannot write '{args.csv}': {e.strerror or e}", file=sys.stderr)
            return 1
        print(f"written: {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
