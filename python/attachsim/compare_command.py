"""`attachsim compare A.h5 B.h5` (the C++ subcommand runs this module with the configured Python):
prints how run B differs from run A. Exit codes: 0 done, 2 bad input (a file missing, not HDF5, damaged,
not a run file; no column matches; a --csv path that cannot be written), 1 a failure of the machine
while writing the CSV (a full disk), 130 on Ctrl-C. The CSV is written under a temporary name and
renamed when complete, as attachsim's HDF5 files are."""

from __future__ import annotations

import argparse
import os
import sys

from ._output_file import check_output_path, write_atomically
from .compare import DEFAULT_COLUMNS, compare
from .result import ResultError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=os.environ.get("ATTACHSIM_PROG", "attachsim compare"),
        description="Differences between two runs of attachsim: classes, sensitivity and outcomes, with 95% intervals; "
                    "paired (dyad by dyad) when both runs share their seed and dyads (common random numbers).")
    p.add_argument("a", metavar="A.h5", help="the reference run")
    p.add_argument("b", metavar="B.h5", help="the run compared with it")
    p.add_argument("--all", dest="all_columns", action="store_true", help="compare every per-row column")
    p.add_argument("--columns", nargs="+", metavar="PATTERN", default=None,
                   help=f"glob patterns of the columns to compare (default: {' '.join(DEFAULT_COLUMNS)})")
    p.add_argument("--csv", metavar="FILE", default=None, help="also write the differences as CSV")
    return p


def _compare(args) -> int:
    if args.csv:
        check_output_path(args.csv, [args.a, args.b], "--csv")
    c = compare(args.a, args.b, columns=args.columns, all_columns=args.all_columns)  # damage: ResultError
    print(c.report())
    if args.csv:
        import pandas as pd
        shares = c.shares.assign(kind="share")
        means = c.means.rename(columns={"mean_a": "share_a", "mean_b": "share_b"}).assign(kind="mean")
        try:
            table = pd.concat([shares, means], ignore_index=True)
            write_atomically(args.csv, lambda temporary: table.to_csv(temporary, index=False))
        except OSError as e:
            print(f"attachsim: error: cannot write '{args.csv}': {e.strerror or e}", file=sys.stderr)
            return 1
        print(f"written: {args.csv}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _compare(args)
    except ResultError as e:
        print(f"attachsim: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `attachsim compare A B | head`: the reader has gone, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
