"""Charts of the reports as plain SVG built on the server: no script, so
they show in the PDF (wkhtmltopdf), the public page and the report form
alike, and read the same numbers as the tables beside them.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
that states every value (the text alternative); the data table that follows
it in the page holds the same figures. The drawing scales with its container
(``viewBox``, width 100%), so it never causes horizontal scrolling.

Text in an SVG scales with the drawing: a label of ``FONT_SIZE`` units is
``FONT_SIZE * rendered width / WIDTH`` pixels on screen. The drawing is
therefore narrow (``WIDTH`` units) and its labels large enough that they stay
at least ``MIN_LABEL_PX`` (12 px) tall in the narrowest column the public page
gives a chart, ``MIN_RENDER_WIDTH`` px (a 320 px screen less the page's
padding): WCAG 2.2 reflow without a magnifying glass. Category labels sit on
their own line above the bars, so that they never run into them.

Series differ by more than colour (WCAG 1.4.1): line charts give each series
its own dash pattern and marker shape (solid with squares, dashed with
circles, ...), so that one line drawn over another (received = closed)
still shows both, and the legend repeats the pattern and the marker.
"""

from markupsafe import Markup, escape

from .figure_labels import split_trends
from .indicators import CORE_INDICATORS, OUTCOME_LABELS, STAGE_LABELS, text, trend_columns

# Okabe-Ito hues darkened to at least 3:1 against white (WCAG 1.4.11).
COLOURS = ("#0b5d99", "#b34700", "#00785a", "#9c3f75", "#5e5e5e")
# Dash pattern (stroke-dasharray, None = solid) and marker of each series.
LINE_STYLES = (
    (None, "square"),
    ("9 5", "circle"),
    ("2 4", "triangle"),
    ("12 4 3 4", "diamond"),
)
WIDTH = 360
FONT_SIZE = 16
MIN_RENDER_WIDTH = 300
MIN_LABEL_PX = 12
# Widest drawn on a large screen (labels at 20 px there).
MAX_PX = round(WIDTH * 1.25)
FONT = f'font-family="sans-serif" font-size="{FONT_SIZE}" fill="#1a1a1a"'
# Rough width of a character of the labels, in viewBox units (sans-serif
# averages a little over half the font size).
CHAR_W = 0.58 * FONT_SIZE


def _num(value):
    return "n/a" if value is None else f"{value:g}"


def _svg(chart_id, title, desc, height, body):
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chp-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" style="max-width:{MAX_PX}px">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _marker(shape, x, y, colour, size=6):
    """A marker centred on (x, y): square, circle, triangle or diamond. The
    circle is smaller and ringed in white, so that a square under it (the
    first series, same value) still shows its corners."""
    if shape == "circle":
        return (
            f'<circle cx="{x}" cy="{y}" r="{size - 1.5}" fill="{colour}" '
            'stroke="#fff" stroke-width="1.5"/>'
        )
    if shape == "square":
        return (
            f'<rect x="{round(x - size, 1)}" y="{round(y - size, 1)}" '
            f'width="{2 * size}" height="{2 * size}" fill="{colour}"/>'
        )
    if shape == "triangle":
        points = [(x, y - size - 1), (x - size - 1, y + size), (x + size + 1, y + size)]
    else:
        points = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
    path = " ".join(f"{round(px, 1)},{round(py, 1)}" for px, py in points)
    return f'<polygon points="{path}" fill="{colour}"/>'


def _stroke(index):
    """The stroke attributes of line series ``index``: colour and dashes."""
    dashes, _shape = LINE_STYLES[index % len(LINE_STYLES)]
    colour = COLOURS[index % len(COLOURS)]
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'stroke="{colour}" stroke-width="3"{dash}'


def _legend(names, y=4, lines=False):
    """Rows of keys (drawn only for more than one series), wrapped to the
    width; a line chart's keys show the series' dash pattern and marker.
    Returns (svg, height taken)."""
    if len(names) < 2:
        return "", 0
    parts, x = [], 0
    key_w = 40 if lines else 22
    for index, name in enumerate(names):
        width = key_w + 14 + CHAR_W * len(name)
        if x and x + width > WIDTH:
            x, y = 0, y + FONT_SIZE + 10
        colour = COLOURS[index % len(COLOURS)]
        middle = y + FONT_SIZE / 2
        if lines:
            shape = LINE_STYLES[index % len(LINE_STYLES)][1]
            parts.append(
                f'<line x1="{x}" y1="{middle}" x2="{x + key_w - 4}" y2="{middle}" '
                f"{_stroke(index)}/>" + _marker(shape, x + (key_w - 4) / 2, middle, colour)
            )
        else:
            parts.append(f'<rect x="{x}" y="{y + 1}" width="16" height="16" fill="{colour}"/>')
        parts.append(f'<text x="{x + key_w}" y="{y + FONT_SIZE - 2}" {FONT}>{escape(name)}</text>')
        x = round(x + width, 1)
    return "".join(parts), y + FONT_SIZE + 14


def bar_chart(chart_id, title, categories, series, maximum=None, unit=""):
    """Horizontal bars: each category's label on its own line, then one bar
    per series; ``series`` = [(name, [value per category])]. None is drawn
    as no bar and said "n/a"."""
    names = [name for name, _values in series]
    legend, top = _legend(names)
    values = [v for _name, vals in series for v in vals if v is not None]
    maximum = maximum or max([*values, 1])
    # Room after the longest bar for its value ("100%", "23.5 days").
    bar_w, bar_h = round(WIDTH - 4 - CHAR_W * 9), 18
    rows, y = [], top
    lines = []
    for index, category in enumerate(categories):
        rows.append(f'<text x="0" y="{y + FONT_SIZE}" {FONT}>{escape(category)}</text>')
        y += FONT_SIZE + 6
        first = y
        parts = []
        for s_index, (name, vals) in enumerate(series):
            value = vals[index]
            width = 0 if value is None else round(bar_w * value / maximum, 1)
            bar_y = y + s_index * (bar_h + 3)
            colour = COLOURS[s_index % len(COLOURS)]
            said = f"{_num(value)}{unit if value is not None else ''}"
            rows.append(
                f'<rect x="2" y="{bar_y}" width="{width}" height="{bar_h}" fill="{colour}"/>'
                f'<text x="{round(width + 8, 1)}" y="{bar_y + bar_h - 3}" {FONT}>{said}</text>'
            )
            parts.append(f"{name} {said}" if len(series) > 1 else said)
        y += len(series) * (bar_h + 3)
        rows.append(f'<line x1="2" y1="{first}" x2="2" y2="{y - 3}" stroke="#1a1a1a"/>')
        lines.append(f"{category}: {', '.join(parts)}")
        y += 10
    desc = f"{title}. " + "; ".join(lines) + "."
    return _svg(chart_id, title, desc, y, legend + "".join(rows))


def line_chart(chart_id, title, periods, series, unit=""):
    """Values per period (oldest first), one line per series, each with its
    own dash pattern and marker; ``series`` = [(name, [value per period])];
    None leaves a gap. Period labels alternate between two rows when they
    would not fit side by side."""
    names = [name for name, _values in series]
    legend, top = _legend(names, lines=True)
    left, right = round(CHAR_W * 4 + 8), WIDTH - 12
    step = (right - left) / max(len(periods) - 1, 1)
    longest = max([len(period) for period in periods] + [1]) * CHAR_W
    # The end labels are anchored at their start / end, so a neighbour needs
    # one and a half labels of room; a second row doubles the room.
    label_rows = 2 if len(periods) > 2 and 1.5 * longest + 8 > step else 1
    plot_top = top + 12
    plot_bottom = plot_top + 190
    height = plot_bottom + 12 + label_rows * (FONT_SIZE + 6)
    values = [v for _n, vals in series for v in vals if v is not None]
    maximum = max([*values, 1])

    def point(index, value):
        x = left + index * step if len(periods) > 1 else (left + right) / 2
        y = plot_bottom - (plot_bottom - plot_top) * value / maximum
        return round(x, 1), round(y, 1)

    body = [
        f'<line x1="{left}" y1="{plot_bottom}" x2="{right}" y2="{plot_bottom}" stroke="#1a1a1a"/>',
        f'<line x1="{left}" y1="{plot_top}" x2="{left}" y2="{plot_bottom}" stroke="#1a1a1a"/>',
        f'<text x="{left - 6}" y="{plot_bottom + 5}" text-anchor="end" {FONT}>0</text>',
        f'<text x="{left - 6}" y="{plot_top + 5}" text-anchor="end" {FONT}>{maximum:g}</text>',
    ]
    for index, period in enumerate(periods):
        x, _y = point(index, 0)
        anchor = "middle"
        if len(periods) > 1 and index in (0, len(periods) - 1):
            anchor = "start" if index == 0 else "end"
        label_y = plot_bottom + 8 + FONT_SIZE + (index % label_rows) * (FONT_SIZE + 6)
        body.append(
            f'<text x="{x}" y="{label_y}" text-anchor="{anchor}" {FONT}>{escape(period)}</text>'
        )
    lines = []
    for s_index, (name, vals) in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        shape = LINE_STYLES[s_index % len(LINE_STYLES)][1]
        points = [point(i, v) for i, v in enumerate(vals) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x},{y}" for x, y in points)
            body.append(
                f'<polyline class="chp-series" points="{path}" fill="none" {_stroke(s_index)}/>'
            )
        body += [_marker(shape, x, y, colour) for x, y in points]
        lines.append(
            f"{name}: "
            + ", ".join(
                f"{period} {_num(v)}{unit if v is not None else ''}"
                for period, v in zip(periods, vals, strict=True)
            )
        )
    desc = f"{title}. " + "; ".join(lines) + "."
    return _svg(chart_id, title, desc, height, legend + "".join(body))


def _trend_chart(chart_id, title, rows, columns):
    """A line per charted trend column (complaints received and closed); a
    row frozen before a column was declared leaves a gap."""
    periods = [row["period"] for row in rows]
    return line_chart(
        chart_id,
        title,
        periods,
        [
            (text(column.label), [row.get(column.key) for row in rows])
            for column in columns
            if column.charted
        ],
    )


def _indicator_chart(indicator, figures):
    """The SVG chart an indicator declares; None for a figure the report
    did not record."""
    spec = indicator.chart
    chart_id = f"chp-chart-{spec.name}"
    if spec.kind == "outcomes":
        stages = list(STAGE_LABELS)
        return bar_chart(
            chart_id,
            text(spec.svg_title),
            list(STAGE_LABELS.values()),
            [
                (name, [figures["outcomes"][s][key] for s in stages])
                for key, name in OUTCOME_LABELS.items()
            ],
        )
    if spec.value not in figures:
        return None
    labels = indicator.stage_labels
    return bar_chart(
        chart_id,
        text(spec.svg_title),
        list(labels.values()),
        [(text(spec.svg_series), [figures[spec.value].get(s) for s in labels])],
        maximum=spec.maximum,
        unit=spec.unit,
    )


def report_charts(figures, trends=None, indicators=None):
    """Every chart of a report, by the name of the table it goes with
    (``indicators``: the registry, by default this addon's declarations)."""
    indicators = CORE_INDICATORS if indicators is None else indicators
    charts = {}
    for indicator in indicators:
        if indicator.chart is not None:
            chart = _indicator_chart(indicator, figures)
            if chart is not None:
                charts[indicator.chart.name] = chart
    columns = trend_columns(indicators)
    years, quarters = split_trends(trends)
    if len(years) > 1:
        charts["trend_years"] = _trend_chart(
            "chp-chart-years", "Complaints received and closed by reporting year", years, columns
        )
    if len(quarters) > 1:
        charts["trend_quarters"] = _trend_chart(
            "chp-chart-quarters", "Complaints received and closed by quarter", quarters, columns
        )
    return charts
