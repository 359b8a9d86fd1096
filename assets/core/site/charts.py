"""Charts as inline SVG, drawn in Python: no JavaScript library, no CDN, works from file://.

A horizontal bar chart: one bar per figure, its label on the left, the printed amount on the
right; each bar and amount links to the PDF page the number was printed on.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from .figures import Chart, Figure

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 110
BAR_HEIGHT = 22
GAP = 8


def bar_chart_svg(chart: Chart, link: Callable[[Figure], str | None], amount_text: Callable[[Figure], str]) -> str:
    """The chart as an <svg> element (empty string when it has no bars)."""
    bars = [b for b in chart.bars if b.amount >= 0]
    if not bars:
        return ""
    top = max(b.amount for b in bars) or Decimal(1)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg class="chart" data-chart="{escape(chart.key)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(chart.title)}">'
    ]
    for i, bar in enumerate(bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = max(1.0, float(bar.amount / top) * plot) if bar.amount else 0.0
        text_y = y + BAR_HEIGHT * 0.7
        value = escape(amount_text(bar))
        title = f"<title>{escape(bar.label)}: {value} (page {bar.fact.get('page')})</title>"
        href = link(bar)
        bar_svg = (
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" rx="2"/>'
            f'<text class="value" x="{LABEL_WIDTH + width + 6:.1f}" y="{text_y:.1f}">{value}</text>'
        )
        if href:
            bar_svg = f'<a href="{escape(href)}" class="source-link" data-page="{bar.fact.get("page")}">{bar_svg}</a>'
        parts.append(
            f'<g class="bar-row">{title}'
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{text_y:.1f}" text-anchor="end">{escape(_short(bar.label))}</text>'
            f"{bar_svg}</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
