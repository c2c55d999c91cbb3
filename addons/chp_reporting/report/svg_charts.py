"""Charts of the reports as plain SVG built on the server: no script, so
they show in the PDF (wkhtmltopdf), the public page and the report form
alike, and read the same numbers as the tables beside them.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
that states every value (the text alternative); the data table that follows
it in the page holds the same figures. The drawing scales with its container
(``viewBox``, width 100%), so it never causes horizontal scrolling.
"""

from markupsafe import Markup, escape

from .figure_labels import split_trends
from .spso_workbook import OUTCOME_LABELS, STAGE_LABELS

# Okabe-Ito hues darkened to at least 3:1 against white (WCAG 1.4.11).
COLOURS = ("#0b5d99", "#b34700", "#00785a", "#9c3f75", "#5e5e5e")
WIDTH = 520
FONT = 'font-family="sans-serif" font-size="15" fill="#1a1a1a"'


def _num(value):
    return "n/a" if value is None else f"{value:g}"


def _svg(chart_id, title, desc, height, body):
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chp-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" style="max-width:{WIDTH}px">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _legend(names, y=4):
    """Rows of coloured keys (drawn only for more than one series), wrapped
    to the width; returns (svg, height taken)."""
    if len(names) < 2:
        return "", 0
    parts, x = [], 0
    for index, name in enumerate(names):
        width = 30 + 9 * len(name)
        if x and x + width > WIDTH:
            x, y = 0, y + 22
        colour = COLOURS[index % len(COLOURS)]
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20}" y="{y + 12}" {FONT}>{escape(name)}</text>'
        )
        x += width
    return "".join(parts), y + 26


def bar_chart(chart_id, title, categories, series, maximum=None, unit=""):
    """Horizontal bars: ``categories`` (labels) down the side, one bar per
    series in each; ``series`` = [(name, [value per category])]. None is
    drawn as no bar and said "n/a"."""
    names = [name for name, _values in series]
    legend, top = _legend(names)
    values = [v for _name, vals in series for v in vals if v is not None]
    maximum = maximum or max([*values, 1])
    label_w, bar_w, bar_h = 200, 250, 18
    rows, y = [], top
    lines = []
    for index, category in enumerate(categories):
        rows.append(f'<text x="0" y="{y + 14}" {FONT}>{escape(category)}</text>')
        parts = []
        for s_index, (name, vals) in enumerate(series):
            value = vals[index]
            width = 0 if value is None else round(bar_w * value / maximum, 1)
            bar_y = y + s_index * (bar_h + 2)
            colour = COLOURS[s_index % len(COLOURS)]
            rows.append(
                f'<rect x="{label_w}" y="{bar_y}" width="{width}" height="{bar_h}" '
                f'fill="{colour}"/>'
                f'<text x="{label_w + width + 6}" y="{bar_y + 14}" {FONT}>'
                f"{_num(value)}{unit if value is not None else ''}</text>"
            )
            said = f"{_num(value)}{unit if value is not None else ''}"
            parts.append(f"{name} {said}" if len(series) > 1 else said)
        lines.append(f"{category}: {', '.join(parts)}")
        y += len(series) * (bar_h + 2) + 12
    rows.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{y - 12}" stroke="#1a1a1a"/>')
    desc = f"{title}. " + "; ".join(lines) + "."
    return _svg(chart_id, title, desc, y, legend + "".join(rows))


def line_chart(chart_id, title, periods, series, unit=""):
    """Values per period (oldest first), one line per series; ``series`` =
    [(name, [value per period])]; None leaves a gap."""
    names = [name for name, _values in series]
    legend, top = _legend(names)
    height = top + 240
    left, right, plot_top, plot_bottom = 48, WIDTH - 16, top + 16, height - 40
    values = [v for _n, vals in series for v in vals if v is not None]
    maximum = max([*values, 1])
    step = (right - left) / max(len(periods) - 1, 1)

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
        body.append(
            f'<text x="{x}" y="{height - 16}" text-anchor="{anchor}" {FONT}>{escape(period)}</text>'
        )
    lines = []
    for s_index, (name, vals) in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        points = [point(i, v) for i, v in enumerate(vals) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x},{y}" for x, y in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"/>'
            )
        body += [f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}"/>' for x, y in points]
        lines.append(
            f"{name}: "
            + ", ".join(
                f"{period} {_num(v)}{unit if v is not None else ''}"
                for period, v in zip(periods, vals, strict=True)
            )
        )
    desc = f"{title}. " + "; ".join(lines) + "."
    return _svg(chart_id, title, desc, height, legend + "".join(body))


def _trend_chart(chart_id, title, rows):
    periods = [row["period"] for row in rows]
    return line_chart(
        chart_id,
        title,
        periods,
        [
            ("Received", [row["received"] for row in rows]),
            ("Closed", [row["closed"] for row in rows]),
        ],
    )


def report_charts(figures, trends=None):
    """Every chart of a report, by the name of the table it goes with."""
    stages = list(STAGE_LABELS)
    labels = list(STAGE_LABELS.values())
    charts = {
        "closed": bar_chart(
            "chp-chart-closed",
            "Indicator 5: complaints closed at each stage",
            labels,
            [("Closed", [figures["closed"][s] for s in stages])],
        ),
        "outcomes": bar_chart(
            "chp-chart-outcomes",
            "Indicator 6: outcomes at each stage (number of complaints)",
            labels,
            [
                (name, [figures["outcomes"][s][key] for s in stages])
                for key, name in OUTCOME_LABELS.items()
            ],
        ),
        "times": bar_chart(
            "chp-chart-times",
            "Indicator 7: average working days to a full response",
            labels,
            [("Average working days", [figures["average_working_days"][s] for s in stages])],
            unit=" days",
        ),
        "timescale": bar_chart(
            "chp-chart-timescale",
            "Indicator 8: % of complaints closed within the timescale",
            labels,
            [("Within timescale", [figures["within_timescale_pct"][s] for s in stages])],
            maximum=100,
            unit="%",
        ),
    }
    years, quarters = split_trends(trends)
    if len(years) > 1:
        charts["trend_years"] = _trend_chart(
            "chp-chart-years", "Complaints received and closed by reporting year", years
        )
    if len(quarters) > 1:
        charts["trend_quarters"] = _trend_chart(
            "chp-chart-quarters", "Complaints received and closed by quarter", quarters
        )
    return charts
