"""Bar charts drawn on the server as SVG: no JavaScript, no library. The picture is an image with a
title and a description (``role="img"``, ``aria-labelledby``, ``aria-describedby``); the table of
its figures, on the same page (beside it, or in an accordion under it), is its accessible
equivalent. Each bar carries its value written above it (the colour says nothing by itself), and
the drawing scales with its container (``viewBox``, width 100 %) down to a 320 px screen.

Colours are the DSFR's: bars in blue France (#000091, 14:1 on white), text in grey 50 (#161616),
axes and grid in grey (#666666, 5.7:1)."""

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#000091"
TEXT = "#161616"
GRID = "#666666"
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 28, 64
FONT = 'font-family="Marianne, arial, sans-serif"'


def nice_maximum(value: int) -> tuple[int, int]:
    """The top of the value axis and its step: a round step (1, 2 or 5 times a power of ten) giving at most five
    intervals, whose multiple reaches ``value`` (at least 1: an empty chart still has an axis)."""
    value = max(value, 1)
    for exponent in range(0, 10):
        for base in (1, 2, 5):
            step = base * 10**exponent
            if math.ceil(value / step) <= 5:
                return step * math.ceil(value / step), step
    raise ValueError(value)  # pragma: no cover - beyond five billion


def bar_chart(
    *, chart_id: str, title: str, description: str, points: Sequence, x_label: str, y_label: str, every: int = 1
) -> SafeString:
    """An SVG bar chart of ``points`` (``label``, ``value``), one ``rect.bar`` each, in their order.
    ``every``: the x labels shown (1: all; 5: one in five, the last one always)."""
    top, step = nice_maximum(max((point.value for point in points), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base_y = TOP + plot_h
    slot = plot_w / max(len(points), 1)
    bar_w = slot * 0.7
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="office-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" role="img" focusable="false" '
        f'aria-labelledby="{chart_id}-titre" aria-describedby="{chart_id}-desc">',
        f'<title id="{chart_id}-titre">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    # The value axis: a grid line and its value at each step.
    for tick in range(0, top + 1, step):
        y = base_y - plot_h * tick / top
        dashes = "" if tick == 0 else ' stroke-dasharray="4 3"'
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="{1 if tick == 0 else 0.5}"{dashes}/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="{TEXT}" {FONT}>{tick}</text>'
        )
    parts.append(
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" transform="rotate(-90 14 {TOP + plot_h / 2:.1f})" '
        f'text-anchor="middle" font-size="12" fill="{TEXT}" {FONT}>{escape(y_label)}</text>'
    )
    label_size = 12 if len(points) <= 12 else 10
    for index, point in enumerate(points):
        x = LEFT + slot * index + (slot - bar_w) / 2
        height = plot_h * point.value / top
        centre = x + bar_w / 2
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{base_y - height:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
            f'fill="{BAR}"><title>{escape(point.long_label)} : {point.value}</title></rect>'
        )
        if point.value:
            parts.append(
                f'<text x="{centre:.1f}" y="{base_y - height - 4:.1f}" text-anchor="middle" '
                f'font-size="{label_size}" fill="{TEXT}" {FONT}>{point.value}</text>'
            )
        if index % every == 0 or index == len(points) - 1:
            if len(points) <= 12:
                parts.append(
                    f'<text x="{centre:.1f}" y="{base_y + 18}" text-anchor="middle" font-size="12" '
                    f'fill="{TEXT}" {FONT}>{escape(point.label)}</text>'
                )
            else:
                parts.append(
                    f'<text x="{centre:.1f}" y="{base_y + 14}" text-anchor="end" font-size="{label_size}" '
                    f'transform="rotate(-45 {centre:.1f} {base_y + 14})" fill="{TEXT}" {FONT}>'
                    f"{escape(point.label)}</text>"
                )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" font-size="12" '
        f'fill="{TEXT}" {FONT}>{escape(x_label)}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
