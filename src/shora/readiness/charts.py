"""Charts drawn on the server as SVG, their text left to the browser.

Why a small hand-written builder and not a charting library: the text must be shaped and
laid out right to left by the browser itself (Persian county names, Persian digits, Jalali
dates), which only works when labels are plain SVG ``<text>`` in the page; libraries such
as pygal lay labels out for left-to-right scripts, and shora has no library for it yet.
Every chart is shown beside a table of the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from shora_domain.digits import format_number

PALETTE = ("#a12a2a", "#0b5d4b", "#9a5b00", "#3a56a5", "#7a3e9d", "#2f7f8f", "#6b6b6b")
WIDTH, HEIGHT = 1000, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 220, 18, 42


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int]


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            return step
    return max(1, top // 6)


def line_chart(
    series: Sequence[Series],
    x_labels: Sequence[str],
    *,
    title: str,
    language: str = "fa",
    tick_every: int = 7,
) -> SafeString:
    """Lines over shared x positions; ``x_labels`` under every ``tick_every``-th point,
    counted back from the last so that the last point is always labelled."""
    points = len(x_labels)
    top = max((max(s.values, default=0) for s in series), default=0)
    step = _step(max(top, 1))
    y_max = max(step, -(-top // step) * step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index: int) -> float:
        return LEFT + (plot_w * index / (points - 1) if points > 1 else plot_w / 2)

    def y(value: int) -> float:
        return TOP + plot_h - plot_h * value / y_max

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="chart" direction="ltr">',
        f"<title>{escape(title)}</title>",
    ]
    for value in range(0, y_max + 1, step):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            'stroke="#d8dde6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#5b6475">{format_number(value, language)}</text>'
        )
    for index in range(points - 1, -1, -tick_every):
        parts.append(
            f'<line x1="{x(index):.1f}" x2="{x(index):.1f}" y1="{TOP + plot_h}" '
            f'y2="{TOP + plot_h + 4}" stroke="#5b6475"/>'
            f'<text x="{x(index):.1f}" y="{TOP + plot_h + 20}" text-anchor="middle" '
            f'font-size="12" fill="#5b6475" direction="rtl">{escape(x_labels[index])}</text>'
        )
    for number, line in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(line.values))
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.2" '
            'stroke-linejoin="round"/>'
        )
        legend_y = TOP + 8 + number * 22
        last = line.values[-1] if line.values else 0
        parts.append(
            f'<rect x="{WIDTH - 18}" y="{legend_y - 8}" width="12" height="12" rx="2" '
            f'fill="{colour}"/>'
            f'<text x="{WIDTH - 24}" y="{legend_y + 2}" text-anchor="start" font-size="13" '
            f'fill="#1d2433" direction="rtl">{escape(line.label)} '
            f"({format_number(last, language)})</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#5b6475"/>'
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        'stroke="#5b6475"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above
