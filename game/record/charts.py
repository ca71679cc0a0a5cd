"""Hand-written SVG charts for the debrief report (lines, bars and a history band) and text sparklines."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from game import i18n

PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)
SPARKS = "▁▂▃▄▅▆▇█"
WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 190, 36, 40


@dataclass(frozen=True)
class Line:
    """One series of a line chart; None leaves a gap."""

    label: str
    values: Sequence[float | None]
    colour: str = ""
    width: float = 2.0
    dashed: bool = False


@dataclass(frozen=True)
class Band:
    """A shaded range (history's low to high), one pair per x position or None."""

    label: str
    ranges: Sequence[tuple[float, float] | None]
    colour: str = "#999999"


TICKS = 5


def nice_top(value: float) -> float:
    """A round axis top at or above value, that splits into TICKS round steps."""
    for top in (5, 10, 20, 25, 50, 100, 150, 200, 250, 500, 1000, 1500, 2000, 2500, 5000, 10000):
        if value <= top:
            return float(top)
    return float(-(-int(value) // 10000) * 10000)


class _Frame:
    def __init__(self, count: int, top: float, bottom: float = 0.0):
        self.count = max(count, 2)
        self.bottom = bottom
        self.top = top if top > bottom else bottom + 1.0
        self.plot_w = WIDTH - LEFT - RIGHT
        self.plot_h = HEIGHT - TOP - BOTTOM

    def x(self, index: float) -> float:
        return LEFT + self.plot_w * index / (self.count - 1)

    def y(self, value: float) -> float:
        value = max(self.bottom, min(value, self.top))
        return TOP + self.plot_h * (1 - (value - self.bottom) / (self.top - self.bottom))


def value_text(value: float) -> str:
    """A value on an axis or a bar: "2.5" in English, "2,5" in French (as written in English before)."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return f"{value:g}"
    digits = next((d for d in range(3) if round(value, d) == value), 3)
    return i18n.number(value, digits)


def _open(title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="chart" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]


def _axes(frame: _Frame, x_labels: Sequence[str], y_label: str, offset: float = 0.0) -> list[str]:
    parts = []
    step = frame.top / TICKS
    below = round(-frame.bottom / step) if step else 0
    for i in range(-below, TICKS + 1):
        value = step * i
        y = frame.y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + frame.plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e4e4"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{value_text(value)}</text>'
        )
    every = max(1, -(-len(x_labels) // 10))
    for index, label in enumerate(x_labels):
        if index % every == 0:
            x = frame.x(index + offset)
            parts.append(
                f'<text x="{x:.1f}" y="{TOP + frame.plot_h + 16}" text-anchor="middle" fill="#555">'
                f"{escape(label)}</text>"
            )
    middle = TOP + frame.plot_h / 2
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + frame.plot_h}" stroke="#888"/>'
        f'<line x1="{LEFT}" x2="{LEFT + frame.plot_w}" y1="{frame.y(0):.1f}" '
        f'y2="{frame.y(0):.1f}" stroke="#888"/>'
        f'<text x="12" y="{middle:.0f}" transform="rotate(-90 12 {middle:.0f})" '
        f'text-anchor="middle" fill="#555">{escape(y_label)}</text>'
    )
    return parts


def _legend(entries: list[tuple[str, str, str]]) -> list[str]:
    """Legend entries (label, colour, kind: line|dash|band|bar) to the right of the plot."""
    parts = []
    x = WIDTH - RIGHT + 14
    for row, (label, colour, kind) in enumerate(entries[:16]):
        y = TOP + 6 + row * 16
        if kind in ("band", "bar"):
            opacity = "0.35" if kind == "band" else "0.85"
            parts.append(
                f'<rect x="{x}" y="{y - 6}" width="18" height="10" fill="{colour}" fill-opacity="{opacity}"/>'
            )
        else:
            dash = ' stroke-dasharray="5 3"' if kind == "dash" else ""
            parts.append(
                f'<line x1="{x}" x2="{x + 18}" y1="{y - 1}" y2="{y - 1}" stroke="{colour}" '
                f'stroke-width="2.5"{dash}/>'
            )
        parts.append(f'<text x="{x + 24}" y="{y + 3}">{escape(label)}</text>')
    return parts


def _band_path(frame: _Frame, band: Band, offset: float = 0.0) -> list[str]:
    """Shaded polygons over the runs of positions where the band is known."""
    parts, run = [], []
    for index, pair in enumerate([*band.ranges, None]):
        if pair is not None:
            run.append((index + offset, pair))
            continue
        if run:
            upper = [f"{frame.x(i):.1f},{frame.y(high):.1f}" for i, (_, high) in run]
            lower = [f"{frame.x(i):.1f},{frame.y(low):.1f}" for i, (low, _) in reversed(run)]
            if len(run) == 1:  # a single month: draw it a little wide so it shows
                i, (low, high) = run[0]
                left, right = frame.x(i - 0.3), frame.x(i + 0.3)
                upper = [f"{left:.1f},{frame.y(high):.1f}", f"{right:.1f},{frame.y(high):.1f}"]
                lower = [f"{right:.1f},{frame.y(low):.1f}", f"{left:.1f},{frame.y(low):.1f}"]
            parts.append(
                f'<polygon class="band" points="{" ".join(upper + lower)}" fill="{band.colour}" '
                f'fill-opacity="0.3"><title>{escape(band.label)}</title></polygon>'
            )
            run = []
    return parts


def _polyline(frame: _Frame, line: Line, colour: str) -> list[str]:
    parts, points = [], []
    dash = ' stroke-dasharray="6 4"' if line.dashed else ""
    for index, value in enumerate([*line.values, None]):
        if value is not None:
            points.append(f"{frame.x(index):.1f},{frame.y(value):.1f}")
            continue
        if points:
            parts.append(
                f'<polyline class="series" points="{" ".join(points)}" fill="none" stroke="{colour}" '
                f'stroke-width="{line.width}" stroke-linejoin="round"{dash}>'
                f"<title>{escape(line.label)}</title></polyline>"
            )
            points = []
    return parts


def line_chart(
    title: str,
    x_labels: Sequence[str],
    lines: Sequence[Line],
    *,
    y_label: str = "",
    y_max: float | None = None,
    band: Band | None = None,
    description: str = "",
) -> str:
    """A line chart with optional history band; all series share the x positions of x_labels."""
    values = [v for line in lines for v in line.values if v is not None]
    if band:
        values += [high for pair in band.ranges if pair for _, high in [pair]]
    top = y_max if y_max is not None else nice_top(max(values, default=1))
    low = min([0.0, *values])
    step = top / TICKS
    bottom = -step * math.ceil(-low / step)  # whole steps below zero, when a series goes negative
    frame = _Frame(len(x_labels), top, bottom)
    parts = _open(title, description or title)
    parts += _axes(frame, x_labels, y_label)
    legend: list[tuple[str, str, str]] = []
    if band:
        parts += _band_path(frame, band)
        legend.append((band.label, band.colour, "band"))
    for index, line in enumerate(lines):
        colour = line.colour or PALETTE[index % len(PALETTE)]
        parts += _polyline(frame, line, colour)
        legend.append((line.label, colour, "dash" if line.dashed else "line"))
    parts += _legend(legend)
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(
    title: str,
    x_labels: Sequence[str],
    bars: Sequence[float],
    *,
    bar_label: str,
    y_label: str = "",
    band: Band | None = None,
    colour: str = "#d62728",
    description: str = "",
) -> str:
    """Bars per turn, with an optional history band drawn behind them."""
    values = list(bars) + ([high for pair in band.ranges if pair for _, high in [pair]] if band else [])
    count = len(x_labels) + 1  # half a slot of margin at each end
    frame = _Frame(count, nice_top(max(values, default=1)))
    parts = _open(title, description or title)
    parts += _axes(frame, x_labels, y_label, offset=0.5)
    legend: list[tuple[str, str, str]] = []
    if band:
        parts += _band_path(frame, Band(band.label, list(band.ranges), band.colour), offset=0.5)
        legend.append((band.label, band.colour, "band"))
    slot = frame.plot_w / (frame.count - 1)
    for index, value in enumerate(bars):
        x = frame.x(index + 0.5) - slot * 0.35
        y = frame.y(value)
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{TOP + frame.plot_h - y:.1f}" fill="{colour}" fill-opacity="0.85">'
            f"<title>{escape(x_labels[index])}: {value_text(value)}</title></rect>"
        )
    legend.append((bar_label, colour, "bar"))
    parts += _legend(legend)
    parts.append("</svg>")
    return "\n".join(parts)


def sparkline(values: Sequence[float], low: float | None = None, high: float | None = None) -> str:
    """A one-line chart in block characters, for Markdown and the terminal."""
    if not values:
        return ""
    low = min(values) if low is None else low
    high = max(values) if high is None else high
    span = (high - low) or 1
    top = len(SPARKS) - 1
    return "".join(SPARKS[max(0, min(top, round((v - low) / span * top)))] for v in values)
