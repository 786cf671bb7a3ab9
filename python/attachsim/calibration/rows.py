"""A row of the calibration table (target, simulated value with its interval, published value,
tolerance, verdict) and the table as text and as Markdown. A row that fails but is a known miss
reads "MISS (known)", as in docs/calibration.md."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class Row:
    target: str
    simulated: float | None      # None: not estimable (the row fails)
    ci: tuple[float, float] | None
    published: str
    tolerance: str
    passed: bool
    notes: list[str] = field(default_factory=list)
    simulated_text: str | None = None
    known_miss: bool = False    # failed, but listed with --known-miss


def _fmt(x: float, digits: int = 3) -> str:
    if x is None or not math.isfinite(x):
        return "n/a"
    s = f"{x:.{digits}f}"
    return "0.000" if s == "-0.000" else s


def _tolerance_text(base: float, extra: float | None, note: str = "") -> str:
    if extra is None:
        return f"±{base:g}" + (f" ({note.strip()})" if note else "")
    return f"±{_fmt(base + extra)} ({base:g}{note} + {_fmt(extra)})"


def _within(value: float, target: float, tol: float) -> bool:
    return math.isfinite(value) and abs(value - target) <= tol + 1e-12


HEADERS = ("target", "simulated", "95% CI", "published", "tolerance", "result", "notes")


def _cells(row: Row) -> list[str]:
    sim = row.simulated_text if row.simulated_text is not None else _fmt(row.simulated)
    ci = f"[{_fmt(row.ci[0])}, {_fmt(row.ci[1])}]" if row.ci else "—"
    verdict = "PASS" if row.passed else ("MISS (known)" if row.known_miss else "FAIL")
    return [row.target, sim, ci, row.published, row.tolerance, verdict, "; ".join(row.notes)]


def format_text(rows: list[Row]) -> str:
    table = [list(HEADERS)] + [_cells(r) for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEADERS) - 1)]
    out = []
    for i, r in enumerate(table):
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
        if i == 0:
            out.append("  ".join("-" * w for w in widths) + "  " + "-" * 5)
    return "\n".join(line.rstrip() for line in out)


def format_markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join(["---"] * len(HEADERS)) + "|"]
    for r in rows:
        cells = [c.replace("|", "\\|") for c in _cells(r)]
        cells[5] = f"**{cells[5]}**" if cells[5] == "FAIL" else cells[5]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


