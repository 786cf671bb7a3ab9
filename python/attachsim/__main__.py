"""python3 -m attachsim COMMAND ...: the package's commands.

  plot RESULT.h5 [B.h5] [-o DIR]   figures of a file, or of two runs side by side (scripts/plot)
  calibrate [...]                  the calibration table (scripts/calibrate)
  compare A.h5 B.h5 [--all]        differences between two runs (what `attachsim compare` runs)
  sobol SWEEP.h5                   Sobol indices of a Saltelli sweep
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"plot": "attachsim.figures", "calibrate": "attachsim.calibration.command",
                "compare": "attachsim.compare_command", "sobol": "attachsim.sensitivity_command"}
    if not argv or argv[0] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    import importlib
    try:  # Ctrl-C while the command's libraries load (pandas, h5py: seconds) ends it as it would later
        return importlib.import_module(commands[argv[0]]).main(argv[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
