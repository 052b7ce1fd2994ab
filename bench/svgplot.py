"""A small SVG line chart for `invoke bench --scale`: plain SVG text, no plotting library.

`scale_chart(series, title, caption)` draws two panels side by side, build
seconds and peak memory (MiB) against HTML pages, both axes logarithmic
(so a straight line is a power law, and its slope the growth exponent), one
line per tool with its own colour, dash pattern and marker.
"""

import math
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 960, 460
PANEL_WIDTH, PANEL_HEIGHT = 370, 290
LEFT, TOP = 80, 88
GAP = 110
# Colour, dash pattern and marker per tool; a tool not listed gets the last style.
STYLES = {
    "ours": ("#1b5fbf", "", "circle"),
    "hugo": ("#c2410c", "7 4", "square"),
    "i18n_subsites": ("#2f7d32", "2 3", "triangle"),
}
LABELS = {"ours": "ours", "hugo": "Hugo", "i18n_subsites": "Pelican + i18n_subsites"}


def _number(value):
    return f"{value:g}" if value < 1e5 else f"{value:,.0f}"


def log_ticks(low, high):
    """(axis low, axis high, [ticks]): 1, 2 and 5 times the powers of ten that span low..high."""
    if low <= 0 or high <= 0:
        raise ValueError("a logarithmic axis needs positive values")
    if math.isclose(low, high):
        low, high = low / 2, high * 2
    ticks = []
    for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for step in (1, 2, 5):
            value = step * 10 ** power
            if low / 1.5 <= value <= high * 1.5:
                ticks.append(value)
    axis_low = min([low / 1.2] + [t for t in ticks if t <= low][-1:])
    axis_high = max([high * 1.2] + [t for t in ticks if t >= high][:1])
    return axis_low, axis_high, [t for t in ticks if axis_low <= t <= axis_high]


class Axis:
    def __init__(self, low, high, start, length, flip=False):
        self.low, self.high, self.ticks = log_ticks(low, high)
        self.start, self.length, self.flip = start, length, flip

    def __call__(self, value):
        share = (math.log10(value) - math.log10(self.low)) / (math.log10(self.high) - math.log10(self.low))
        return self.start + (self.length * (1 - share) if self.flip else self.length * share)


def _marker(kind, x, y, colour):
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def panel(left, series, index, label, x_label):
    """SVG of one panel: series is {tool: [(pages, seconds, mib)]}; index picks seconds (1) or MiB (2)."""
    points = [(p[0], p[index]) for rows in series.values() for p in rows]
    x = Axis(min(p[0] for p in points), max(p[0] for p in points), left, PANEL_WIDTH)
    y = Axis(min(p[1] for p in points), max(p[1] for p in points), TOP, PANEL_HEIGHT, flip=True)
    bottom = TOP + PANEL_HEIGHT
    parts = ['<g class="panel">',
             f'<rect x="{left}" y="{TOP}" width="{PANEL_WIDTH}" height="{PANEL_HEIGHT}" fill="none" stroke="#999"/>']
    for tick in x.ticks:
        px = x(tick)
        parts.append(f'<line x1="{px:.1f}" y1="{TOP}" x2="{px:.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{px:.1f}" y="{bottom + 16}" text-anchor="middle">{_number(tick)}</text>')
    for tick in y.ticks:
        py = y(tick)
        parts.append(f'<line x1="{left}" y1="{py:.1f}" x2="{left + PANEL_WIDTH}" y2="{py:.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 6}" y="{py + 4:.1f}" text-anchor="end">{_number(tick)}</text>')
    parts.append(f'<text x="{left + PANEL_WIDTH / 2:.1f}" y="{bottom + 36}" text-anchor="middle">'
                 f'{escape(x_label)}</text>')
    parts.append(f'<text x="{left}" y="{TOP - 10}" font-weight="bold">{escape(label)}</text>')
    for tool, rows in series.items():
        colour, dash, marker = STYLES.get(tool, STYLES["i18n_subsites"])
        coords = [(x(row[0]), y(row[index])) for row in sorted(rows)]
        if len(coords) > 1:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>')
        parts += [_marker(marker, cx, cy, colour) for cx, cy in coords]
    parts.append("</g>")
    return parts


def legend(series, left, top):
    parts = []
    for number, tool in enumerate(series):
        colour, dash, marker = STYLES.get(tool, STYLES["i18n_subsites"])
        x, y = left + number * 210, top
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{x}" y1="{y}" x2="{x + 30}" y2="{y}" stroke="{colour}" stroke-width="2"{dashes}/>')
        parts.append(_marker(marker, x + 15, y, colour))
        parts.append(f'<text x="{x + 38}" y="{y + 4}">{escape(LABELS.get(tool, tool))}</text>')
    return parts


def scale_chart(series, title, caption=""):
    """The whole SVG document as text. series: {tool: [(pages, seconds, peak MiB)]}, tools in legend order."""
    series = {tool: rows for tool, rows in series.items() if rows}
    if not series:
        raise ValueError("nothing to draw")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="sans-serif" font-size="12" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(caption)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{LEFT}" y="24" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    parts += legend(series, LEFT, 44)
    parts += panel(LEFT, series, 1, "Build time, seconds (log)", "HTML pages (log)")
    parts += panel(LEFT + PANEL_WIDTH + GAP, series, 2, "Peak memory of the process tree, MiB (log)",
                   "HTML pages (log)")
    if caption:
        parts.append(f'<text x="{LEFT}" y="{HEIGHT - 12}" fill="#555">{escape(caption)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
