"""The frame every figure shares: the class colours and names, number formats, a bold title with a
caption-like subtitle and a source line wrapped with the real font, and saving as PNG/SVG/PDF under a
temporary name. Fonts are sized for projection; colours are safe for colour-vision deficiencies."""

from __future__ import annotations

import os
import re

import numpy as np


CLASSES = ("A", "B", "C", "D")
CLASS_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant", "D": "disorganized"}
# Okabe-Ito blue, bluish green and orange, and Tol's wine: distinct with every common colour-vision
# deficiency (checked with the Machado et al. 2009 simulation) and on a projector. Secure is green,
# disorganized the darkest, so a class reads the same in every figure.
CLASS_COLOURS = {"A": "#0072B2", "B": "#009E73", "C": "#E69F00", "D": "#882255"}
TEXT_ON = {"A": "white", "B": "white", "C": "black", "D": "white"}   # text drawn on a class colour
UNCLASSIFIED_COLOUR = "#777777"
FORMATS = ("png", "svg", "pdf")
DEFAULT_FORMATS = ("png", "svg")
PNG_DPI = 150
SAMPLE_INFANTS = 30
SAMPLE_SEED = 20261128           # which infants are drawn as thin lines: fixed, so figures are stable
SCATTER_MAX_POINTS = 20000       # above this the scatter shows a random subset; r and the line use all
RISK_GROUPS = (("0–1", 0, 1), ("2–4", 2, 4), ("5 or more", 5, None))
FEW = 30                         # a risk group smaller than this is flagged as uncertain
GREY = "#555555"


class PlotError(Exception):
    """The figures cannot be drawn at all (exit code 2)."""


class NoPlots(Exception):
    """A valid attachsim file of a kind that has no figures yet (exit code 0)."""



# Reading a run file
# --------------------------------------------------------------------------------------------------

_AGE_RE = r"(\d+(?:p\d+)?)m"


def age_from_label(label: str) -> float:
    """'12m' -> 12.0, '7p5m' -> 7.5 (the age labels of docs/output.md)."""
    return float(label[:-1].replace("p", "."))


def age_text(age: float) -> str:
    return f"{age:g} months"


def ages_text(labels: list[str]) -> str:
    """['6m', '12m', '18m'] -> '6, 12 and 18 months'."""
    ages = [f"{age_from_label(l):g}" for l in labels]
    return (ages[0] if len(ages) == 1 else ", ".join(ages[:-1]) + " and " + ages[-1]) + " months"


def _age_labels(names: list[str], pattern: str) -> list[str]:
    """The age labels ('6m', '12m', ...) of the columns matching pattern, youngest first."""
    found = (re.fullmatch(pattern, name) for name in names)
    return sorted((m.group(1) + "m" for m in found if m), key=age_from_label)



def source_line(path: str, meta, parts: list[str]) -> str:
    """'Source: FILE · PARTS · attachsim VERSION (COMMIT)': the small print of every figure."""
    words = [os.path.basename(path), *parts]
    if "attachsim_version" in meta:
        version = f"attachsim {_attr_text(meta['attachsim_version'])}"
        if "git_commit" in meta:
            version += f" ({_attr_text(meta['git_commit'])})"
        words.append(version)
    return "Source: " + " · ".join(words)


def _count(n: int) -> str:
    return f"{n:,}"


MINUS = "\u2212"  # a real minus sign in numbers, as on the axes
NBSP = "\u00a0"   # "n = 2,000" never breaks across lines in a wrapped title


def _num(x: float, digits: int = 2) -> str:
    """A number with a real minus sign: -0.12 -> '−0.12'."""
    return f"{x:.{digits}f}".replace("-", MINUS)


def _signed(x: float, digits: int) -> str:
    """A number with its sign always shown: '+0.047', '−0.077'."""
    return f"{x:+.{digits}f}".replace("-", MINUS)


def _n(n: int) -> str:
    return f"n{NBSP}={NBSP}{n:,}"


def class_label(c: str, n: int | None = None) -> str:
    text = f"{c} {CLASS_NAMES[c]}"
    return text if n is None else f"{text} (n = {_count(n)})"


# --------------------------------------------------------------------------------------------------
# Figure frame: title, caption-like subtitle, source line; consistent fonts for projection
# --------------------------------------------------------------------------------------------------

def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({
        "font.family": "DejaVu Sans",
        "font.size": 14,
        "axes.titlesize": 15,
        "axes.titleweight": "bold",
        "axes.labelsize": 14,
        "xtick.labelsize": 13,
        "ytick.labelsize": 13,
        "legend.fontsize": 12.5,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 1.1,
        "axes.grid": False,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.9,
        "svg.hashsalt": "attachsim",       # fewer random ids in the SVG (clip paths still vary)
        "svg.fonttype": "path",
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
    })
    return plt


def _wrap(fig, renderer, text: str, max_px: float, **style) -> str:
    """Greedy word wrap measured with the real font, so lines use the width and never overflow it."""
    probe = fig.text(0, 0, "", **style)
    lines, current = [], ""
    for word in (w for w in text.split(" ") if w):   # split on spaces only: NBSP holds words together
        candidate = f"{current} {word}" if current else word
        probe.set_text(candidate)
        if not current or probe.get_window_extent(renderer).width <= max_px:
            current = candidate
        else:
            lines.append(current)
            current = word
    probe.remove()
    return "\n".join(lines + [current] if current else lines)


def _figure(size: tuple[float, float], title: str, subtitle: str, source: str):
    """A figure with a bold title, a caption-like grey subtitle and a small source line, both wrapped to
    the width with the real font. Returns (figure, body): draw the axes in `body`, a subfigure laid out
    by constrained layout in the space left between the header and the source line."""
    plt = _pyplot()
    w, h = size
    fig = plt.figure(figsize=size, layout="constrained")
    # Pads (inches) keep labels off the edges; no extra space between header, body and source line.
    fig.get_layout_engine().set(w_pad=0.1, h_pad=0.03, hspace=0, wspace=0)
    renderer = fig.canvas.get_renderer()
    margin = 0.18                                   # inches, left and top
    width_px = (w - 2 * margin) * fig.dpi
    title_style = {"fontsize": 19, "fontweight": "bold", "linespacing": 1.2}
    sub_style = {"fontsize": 13, "color": GREY, "linespacing": 1.35}
    source_style = {"fontsize": 9.5, "color": "#888888"}

    def height(text: str, style: dict) -> float:
        probe = fig.text(0, 0, text, **style)
        inches = probe.get_window_extent(renderer).height / fig.dpi
        probe.remove()
        return inches

    title = _wrap(fig, renderer, title, width_px, **title_style)
    subtitle = _wrap(fig, renderer, subtitle, width_px, **sub_style) if subtitle else ""
    title_h = height(title, title_style)
    sub_h = height(subtitle, sub_style) if subtitle else 0.0
    source = _wrap(fig, renderer, source, width_px, **source_style)
    header = margin + title_h + (0.12 + sub_h if subtitle else 0.0) + 0.22
    footer = height(source, source_style) + 0.2
    head, body, foot = fig.subfigures(3, 1, height_ratios=[header, h - header - footer, footer])
    head.text(margin / w, 1 - margin / header, title, ha="left", va="top", **title_style)
    if subtitle:
        head.text(margin / w, 1 - (margin + title_h + 0.12) / header, subtitle, ha="left", va="top", **sub_style)
    foot.text(margin / w, 0.1 / footer, source, ha="left", va="bottom", **source_style)
    return fig, body


def _save(fig, out_dir: str, name: str, formats, written: list[str]):
    """Each format under a temporary name, renamed when complete (also on Ctrl-C nothing partial stays)."""
    from .._output_file import write_atomically
    # No dates or software versions inside: the same result gives byte-identical PNGs.
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    try:
        for fmt in [formats] if isinstance(formats, str) else formats:
            if fmt not in metadata:
                raise PlotError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
            path = os.path.join(out_dir, f"{name}.{fmt}")
            try:
                write_atomically(path, lambda temporary: fig.savefig(temporary, format=fmt, dpi=PNG_DPI,
                                                                     metadata=metadata[fmt]))
            except OSError as e:
                raise PlotError(f"cannot write {path}: {e.strerror or e}") from None
            written.append(path)
    finally:
        _pyplot().close(fig)


def _percent_axis(ax, top: float = 100):
    from matplotlib.ticker import FuncFormatter
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_ylim(0, top)



def _decode(a: np.ndarray) -> np.ndarray:
    return np.char.decode(a, "ascii") if a.dtype.kind == "S" else a


def _table(group) -> dict:
    """A /trial table as {column: array}, texts decoded to str."""
    return {k: _decode(v[()]) for k, v in group.items() if hasattr(v, "shape")}


def age_label(age: float) -> str:
    """12.0 -> '12m', 7.5 -> '7p5m' (the column labels of docs/output.md)."""
    return f"{age:g}".replace(".", "p") + "m"


def _unique_in_order(values) -> list:
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def _attr_text(v) -> str:
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
