"""What the package's commands share on the terminal."""

from __future__ import annotations

import sys


def tolerant_stdout() -> None:
    """Prints what the locale cannot encode (a minus sign, ±) as '?' instead of failing with an error."""
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass
