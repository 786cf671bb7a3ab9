"""Executes a notebook with nbclient in a kernel of this interpreter (a kernelspec written to a temporary
JUPYTER_PATH, so the first python3 on PATH, which may lack the packages, is never used), and fails on
the first cell that raises. Prints the time it took.

    python3 tests/python/run_notebook.py docs/notebooks/compare_learning_rules.ipynb [--out EXECUTED.ipynb]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("notebook")
    p.add_argument("--out", default=None, help="write the executed notebook here")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = p.parse_args()
    import nbclient
    import nbformat
    with tempfile.TemporaryDirectory(prefix="attachsim-kernel-") as home:
        spec_dir = os.path.join(home, "kernels", "attachsim-python")
        os.makedirs(spec_dir)
        with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
            json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                       "display_name": "attachsim (this interpreter)", "language": "python"}, f)
        os.environ["JUPYTER_PATH"] = home + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        nb = nbformat.read(args.notebook, as_version=4)
        client = nbclient.NotebookClient(nb, timeout=args.timeout, kernel_name="attachsim-python",
                                         resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}})
        start = time.monotonic()
        try:
            client.execute()
        except nbclient.exceptions.CellExecutionError as e:
            print(f"FAIL: {args.notebook}: a cell raised:\n{e}", file=sys.stderr)
            return 1
        elapsed = time.monotonic() - start
    if args.out:
        nbformat.write(nb, args.out)
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"ok: {args.notebook}: {cells} code cells ran in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
