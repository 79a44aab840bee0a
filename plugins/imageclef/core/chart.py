"""A small line chart as static SVG, made at build time: no JavaScript, named and described for screen readers.

Used for the best primary score of a task series by year. The line joins consecutive points of one metric only:
a year without a score, or a change of metric, breaks it.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 28, 16, 40  # room for the first and last labels at phone size


@dataclass(frozen=True)
class Point:
    year: int
    value: float | None
    metric: str  # the primary column's label; a different label starts a new line


def line_chart(points: list[Point], *, ident: str, title: str, description: str) -> str:
    """``<svg>`` markup (one line, so it stays a raw HTML block in Markdown)."""
    esc = lambda text: html.escape(str(text), quote=True)  # noqa: E731
    years = [p.year for p in points]
    values = [p.value for p in points if p.value is not None]
    lowest = min(values, default=0.0)
    low = -_round_up(-lowest) if lowest < 0 else 0.0
    high = _round_up(max(values, default=1.0))
    high = high if high > low else low + 1.0
    first, last = min(years), max(years)
    span = max(last - first, 1)

    def x(year: int) -> float:
        return LEFT + (year - first) / span * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return TOP + (1 - (value - low) / (high - low)) * (HEIGHT - TOP - BOTTOM)

    parts = [f'<svg class="ic-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{ident}-title '
             f'{ident}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(description)}</desc>']
    base = y(low)
    parts.append(f'<line class="ic-axis" x1="{LEFT}" y1="{base:.1f}" x2="{WIDTH - RIGHT}" y2="{base:.1f}"/>')
    parts.append(f'<line class="ic-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base:.1f}"/>')
    for tick in (low, 0.0, high) if low < 0 else (0.0, high / 2, high):
        parts.append(f'<text class="ic-tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:.3g}</text>')
    step = 1 if span <= 10 else 2 if span <= 20 else 5  # year labels must not touch at phone size
    for year in range(first, last + 1, step):
        parts.append(f'<text class="ic-tick" x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 18}" '
                     f'text-anchor="middle">{year}</text>')
    for segment in _segments(points):
        if len(segment) > 1:
            coords = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in segment)
            parts.append(f'<polyline class="ic-line" points="{coords}"/>')
    for p in points:
        if p.value is not None:
            parts.append(f'<circle class="ic-point" cx="{x(p.year):.1f}" cy="{y(p.value):.1f}" r="4">'
                         f'<title>{p.year}: {esc(p.metric)} {p.value:g}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _round_up(value: float) -> float:
    """The axis end for ``value``: the next round number (0.589 -> 0.6, 76.98 -> 80), so the ticks at its half
    and end read plainly; 0 stays 0."""
    if value <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(value))
    steps = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(round(m * power, 12) for m in steps if m * power >= value * (1 - 1e-12))


def _segments(points: list[Point]) -> list[list[Point]]:
    """Runs of consecutive points with a value and the same metric."""
    runs: list[list[Point]] = []
    for p in sorted(points, key=lambda p: p.year):
        if p.value is None:
            runs.append([])
        elif runs and runs[-1] and runs[-1][-1].metric == p.metric:
            runs[-1].append(p)
        else:
            runs.append([p])
    return [run for run in runs if run]


@dataclass(frozen=True)
class SeriesChart:
    svg: str
    note: str


def series_chart(history, series) -> SeriesChart | None:
    """The chart of a series page (``model.Series``): the leading score of each year with results
    (``view.SeriesYear`` items), or None with fewer than two such years."""
    points = []
    for item in history:
        if item.board is not None and item.leaders:
            primary = item.board.primary
            points.append(Point(item.year, item.leaders[0].cells[primary.key].value, primary.label))
    scored = [p for p in points if p.value is not None]
    if len(scored) < 2:
        return None
    metrics = list(dict.fromkeys(p.metric for p in scored))
    name = series.name
    description = "; ".join(f"{p.year}: {p.metric} {p.value:g}" for p in scored)
    svg = line_chart(points, ident=f"chart-{series.id}", title=f"{name}: best score by year", description=description)
    if len(metrics) == 1:
        note = f"The leading team's {metrics[0]} in each year with results; the table above gives the same numbers."
    else:
        note = ("The leading team's score in each year with results, under that year's primary metric ("
                + ", ".join(metrics) + "); the line breaks where the metric changes, since scores of different "
                "metrics cannot be compared. The table above gives the same numbers.")
    return SeriesChart(svg, note)
