"""SVG charts for the status report, drawn in Python (no plotting library) as accessible inline SVG.

Each chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>`` (the text alternative, also
referenced by ``aria-labelledby``); the report shows the same figures as a table next to it. Colour
is never the only carrier: every segment wide enough carries its count, and the legend names the
answers in scale order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from workbook.xlsx import layout as L

UNANSWERED = "Ubesvaret"
#: Fill and text colour per answer (dark text on light fills, white on dark); scale order.
COLOURS: dict[str, tuple[str, str]] = {
    "Ja": ("#2e7d4f", "#ffffff"),
    "Delvist": ("#e3b341", "#1d2a33"),
    "Nej": ("#b8433a", "#ffffff"),
    "Ved ikke": ("#7a8fa6", "#ffffff"),
    "Ikke relevant": ("#c9ced3", "#1d2a33"),
    UNANSWERED: ("#ffffff", "#1d2a33"),
}
CATEGORIES = (*L.SCALE, UNANSWERED)
_ids = itertools.count(1)


@dataclass(frozen=True)
class BarRow:
    """One bar: a label and the count per category (``CATEGORIES``)."""

    label: str
    counts: dict[str, int]
    note: str = ""
    """Text right of the bar, e.g. the readiness."""


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg_open(width: float, height: float, title: str, description: str) -> list[str]:
    """The opening of an accessible chart: ``<svg role="img">`` with its title and text alternative."""
    uid = f"chart{next(_ids)}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'width="{_fmt(width)}pt" height="{_fmt(height)}pt" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'class="chart" font-family="Open Sans">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(description)}</desc>',
    ]


def stacked_bars(rows: list[BarRow], title: str, description: str, *, label_width: float = 150,
                 bar_width: float = 330, note_width: float = 50) -> Markup:
    """Return an inline SVG of 100 % stacked horizontal bars, one per row, with a legend."""
    bar_h, gap, top = 18.0, 8.0, 4.0
    legend_h = 22.0
    width = label_width + bar_width + note_width
    height = top + len(rows) * (bar_h + gap) + legend_h
    out = _svg_open(width, height, title, description)
    y = top
    for row in rows:
        total = sum(row.counts.get(c, 0) for c in CATEGORIES)
        label = row.label if len(row.label) <= 30 else row.label[:29] + "…"
        out.append(f'<text x="{_fmt(label_width - 6)}" y="{_fmt(y + bar_h * 0.68)}" '
                   f'text-anchor="end" font-size="8" fill="#1d2a33">{escape(label)}</text>')
        x = label_width
        for category in CATEGORIES:
            count = row.counts.get(category, 0)
            if not count or not total:
                continue
            w = bar_width * count / total
            fill, ink = COLOURS[category]
            stroke = ' stroke="#8a949c" stroke-width="0.6"' if category == UNANSWERED else ""
            out.append(f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(bar_h)}" '
                       f'fill="{fill}"{stroke}/>')
            if w >= 14:
                out.append(f'<text x="{_fmt(x + w / 2)}" y="{_fmt(y + bar_h * 0.68)}" '
                           f'text-anchor="middle" fill="{ink}" font-size="7" font-weight="700">{count}</text>')
            x += w
        if row.note:
            out.append(f'<text x="{_fmt(label_width + bar_width + 6)}" y="{_fmt(y + bar_h * 0.68)}" '
                       f'font-size="8" font-weight="700" fill="#12405a">{escape(row.note)}</text>')
        y += bar_h + gap
    x = label_width
    for category in CATEGORIES:
        fill, _ = COLOURS[category]
        out.append(f'<rect x="{_fmt(x)}" y="{_fmt(y + 4)}" width="9" height="9" fill="{fill}" '
                   'stroke="#8a949c" stroke-width="0.6"/>')
        out.append(f'<text x="{_fmt(x + 12)}" y="{_fmt(y + 12)}" font-size="7" fill="#41515b">'
                   f'{escape(category)}</text>')
        x += 12 + 5.2 * len(category) + 12
    out.append("</svg>")
    return Markup("".join(out))


def describe(rows: list[BarRow]) -> str:
    """Return a plain-Danish text alternative listing every bar's counts."""
    parts = []
    for row in rows:
        counts = ", ".join(f"{c} {row.counts.get(c, 0)}" for c in CATEGORIES if row.counts.get(c, 0))
        parts.append(f"{row.label}: {counts or 'ingen svar'}{f' ({row.note})' if row.note else ''}")
    return ". ".join(parts) + "."


def change_bars(rows: list[tuple[str, int | None]], title: str, *, label_width: float = 150,
                half_width: float = 150) -> Markup:
    """Return an inline SVG of bars left (fall) or right (rise) of a zero line: change in percentage points."""
    bar_h, gap, top = 14.0, 6.0, 4.0
    scale = max([abs(v) for _, v in rows if v is not None] + [10]) or 10
    width = label_width + 2 * half_width + 40
    height = top + len(rows) * (bar_h + gap) + 4
    zero = label_width + half_width
    desc = ". ".join(f"{label}: {'ingen sammenligning' if v is None else f'{v:+d} procentpoint'}"
                     for label, v in rows) + "."
    out = [*_svg_open(width, height, title, desc),
        f'<line x1="{_fmt(zero)}" y1="0" x2="{_fmt(zero)}" y2="{_fmt(height)}" stroke="#41515b" stroke-width="0.8"/>',
    ]
    y = top
    for label, value in rows:
        short = label if len(label) <= 30 else label[:29] + "…"
        out.append(f'<text x="{_fmt(label_width - 6)}" y="{_fmt(y + bar_h * 0.7)}" text-anchor="end" '
                   f'font-size="8" fill="#1d2a33">{escape(short)}</text>')
        if value:
            w = half_width * abs(value) / scale
            x = zero if value > 0 else zero - w
            fill = COLOURS["Ja"][0] if value > 0 else COLOURS["Nej"][0]
            out.append(f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(bar_h)}" fill="{fill}"/>')
        text = "–" if value is None else f"{value:+d}".replace("-", "−")
        anchor_x = zero + (half_width * abs(value) / scale + 4 if value and value > 0 else 4)
        out.append(f'<text x="{_fmt(anchor_x)}" y="{_fmt(y + bar_h * 0.7)}" font-size="8" font-weight="700" '
                   f'fill="#12405a">{escape(text)}</text>')
        y += bar_h + gap
    out.append("</svg>")
    return Markup("".join(out))
