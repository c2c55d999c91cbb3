"""The SPSO indicator workbook and the case-level CSV, built from the
indicator dict of ``chp.spso.indicator.compute`` (never from the complaints
themselves, so that the files say exactly what the reports say).

Numbers are written as numbers, dates as dates and yes/no as booleans, so that
the liaison officer and the SPSO can sort and sum the cells.
"""

import io
from datetime import date

import xlsxwriter

from .arc_csv import ARC_COLUMNS, arc_period, arc_value
from .figure_labels import open_heading, open_when, per_1000_label, split_trends
from .indicators import (
    CORE_INDICATORS,
    OUTCOME_LABELS,
    STAGE_LABELS,
    counted,
    text,
    trend_columns,
    trend_value,
)

# The indicators' sheets, titles, tables, charts and trend columns are
# declared in ``indicators.py`` (the registry); this module lays them out.

DEFAULT_TITLE = "SPSO complaints performance indicators"

# Day 0 of Excel's date serial numbers (1900 date system).
EXCEL_EPOCH = date(1899, 12, 30).toordinal()


def case_name(indicator):
    """The name of a counted indicator's columns in the case rows
    (``stage1_<name>``, ``stage2_<name>``): the complaint's own column for a
    stage column condition."""
    return getattr(indicator.condition, "stage_column", None) or indicator.key


def case_indicators(indicators):
    """The counted indicators with a yes/no column per stage in the case rows."""
    return [ind for ind in counted(indicators) if ind.case_column and ind.base == "closed"]


def case_columns(indicators=CORE_INDICATORS):
    """(key in a case row, column heading, kind): each stage's dates, working
    days, the yes/no of the indicators that declare a case column, outcome."""
    stage_columns = {}
    for prefix, label in (("stage1", "Stage 1"), ("stage2", "Stage 2")):
        stage_columns[prefix] = [
            (f"{prefix}_{case_name(ind)}", f"{label} {text(ind.case_column)}", "bool")
            for ind in case_indicators(indicators)
        ] + [(f"{prefix}_outcome", f"{label} outcome", "text")]
    return [
        ("reference", "Reference", "text"),
        ("service", "Service", "text"),
        ("root_cause", "Root cause", "text"),
        ("entry", "Stage of entry", "text"),
        ("date_received", "Date received", "date"),
        ("stage1_deadline", "Stage 1 deadline", "date"),
        ("stage1_date_closed", "Stage 1 closed", "date"),
        ("stage1_working_days", "Stage 1 working days", "number"),
        *stage_columns["stage1"],
        ("escalated", "Escalated", "bool"),
        ("stage2_date_start", "Stage 2 started", "date"),
        ("stage2_deadline", "Stage 2 deadline", "date"),
        ("stage2_date_closed", "Stage 2 closed", "date"),
        ("stage2_working_days", "Stage 2 working days", "number"),
        *stage_columns["stage2"],
    ]


# The case rows' columns of this addon's indicators.
CASE_COLUMNS = case_columns()


def landscape_sheets(indicators):
    """Sheets printed across the page: a chart beside the table, or many
    columns."""
    return {ind.sheet for ind in indicators if ind.landscape} | {"Trends", "Cases"}


A4 = 9  # Excel's paper size code


def _header_text(text):
    """``text`` for an Excel header or footer section, where "&" starts a
    code (``&P``): doubled, and cut so that the whole stays under Excel's
    255 characters."""
    return (text or "").replace("&", "&&")[:100]


class _Writer:
    """Typed cell writing shared by the sheets."""

    def __init__(self, book, meta=None, indicators=CORE_INDICATORS):
        self.book = book
        self.meta = meta or {}
        self.indicators = indicators
        self.landscape = landscape_sheets(indicators)
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.head = book.add_format({"bold": True, "bottom": 1, "text_wrap": True})
        # UK dates, the one date style of the suite's outputs.
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.datetime = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        self.decimal = book.add_format({"num_format": "0.0"})

    def cell(self, sheet, row, col, value, kind=None):
        if value is None:
            sheet.write_blank(row, col, None)
        elif kind == "bool" or isinstance(value, bool):
            sheet.write_boolean(row, col, bool(value))
        elif kind == "date":
            sheet.write_datetime(row, col, value, self.date)
        elif kind == "datetime":
            sheet.write_datetime(row, col, value, self.datetime)
        elif isinstance(value, float):
            sheet.write_number(row, col, value, self.decimal)
        elif isinstance(value, int):
            sheet.write_number(row, col, value)
        else:
            sheet.write_string(row, col, str(value))

    def table(self, sheet, row, headings, rows):
        """Headings then rows of (value, kind) or plain values; returns next row."""
        for col, heading in enumerate(headings):
            sheet.write_string(row, col, heading, self.head)
        for values in rows:
            row += 1
            for col, item in enumerate(values):
                value, kind = item if isinstance(item, tuple) else (item, None)
                self.cell(sheet, row, col, value, kind)
        return row + 2

    def print_setup(self, sheet, title, repeat_rows=None, breaks=()):
        """Board papers: A4, one page wide (as many pages down as needed),
        landscape where the sheet is wide, the heading rows of its table on
        every page, a page break before each further table or chart, and
        the organisation, the sheet's title and "Page n of N" on every page."""
        sheet.set_paper(A4)
        sheet.fit_to_pages(1, 0)
        if sheet.name in self.landscape:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        if repeat_rows is not None:
            sheet.repeat_rows(*repeat_rows)
        if breaks:
            sheet.set_h_pagebreaks(sorted(breaks))
        sheet.set_header(f"&L{_header_text(self.meta.get('organisation'))}&R{_header_text(title)}")
        sheet.set_footer(
            f"&L{_header_text(self.meta.get('title') or DEFAULT_TITLE)}&RPage &P of &N"
        )

    def indicator_sheet(self, name, title, wording):
        """A sheet headed by the indicator's title and the SPSO's wording,
        its table's headings on row 4 (repeated on every printed page)."""
        sheet = self.book.add_worksheet(name)
        self.print_setup(sheet, title, repeat_rows=(0, 3))
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 8, 16)
        sheet.write_string(0, 0, title, self.title)
        sheet.merge_range(1, 0, 1, 6, wording, self.wrap)
        sheet.set_row(1, 48)
        return sheet


def _count_rows(indicator, figures):
    """A counted indicator's count and share at each stage ("not recorded
    then" in a report frozen before it was declared)."""
    return [
        (label, indicator.count(figures, stage), indicator.share(figures, stage))
        for stage, label in indicator.stage_labels.items()
    ]


SURVEY_STAGE_LABELS = {"stage1": "Stage 1", "stage2": "Stage 2"}


def _experience_sheet(w, sheet, satisfaction):
    """Indicator 2: surveys sent and answered, then each question's share of
    satisfied answers, per stage and in total."""
    if not satisfaction or not (satisfaction["sent"] or satisfaction["responses"]):
        sheet.write_string(3, 0, "No satisfaction survey results were recorded for the period.")
        return
    blocks = [("Total", satisfaction)] + [
        (label, satisfaction["stages"][stage]) for stage, label in SURVEY_STAGE_LABELS.items()
    ]
    row = w.table(
        sheet,
        3,
        ["Surveys", "Sent", "Responses", "Response rate %"],
        [(label, b["sent"], b["responses"], b["response_rate"]) for label, b in blocks],
    )
    w.table(
        sheet,
        row,
        ["Question", "Answered by", "Responses", "Satisfied", "Satisfied %"],
        [
            (q["question"], label, q["responses"], q["satisfied"], q["satisfied_pct"])
            for label, b in blocks
            for q in b["questions"]
        ],
    )


def _learning_table(w, sheet, figures, _indicator):
    learning = figures.get("learning") or {}
    w.table(
        sheet,
        3,
        ["Improvement actions", "Number"],
        [(key.replace("_", " ").capitalize(), value) for key, value in learning.items()],
    )


def _experience_table(w, sheet, figures, _indicator):
    _experience_sheet(w, sheet, figures.get("satisfaction"))


def _training_table(w, sheet, figures, _indicator):
    training = figures.get("training") or {}
    w.table(
        sheet,
        3,
        ["Measure", "Value"],
        [
            ("Staff", training.get("staff")),
            ("Staff with current CHP training", training.get("trained")),
            ("% trained", training.get("pct")),
        ],
    )


def _received_table(w, sheet, figures, _indicator):
    received = figures["received"]
    w.table(
        sheet,
        3,
        ["Measure", "Number"],
        [
            ("Complaints received", received["total"]),
            ("Received at stage 1", received["stage1"]),
            ("Received directly at stage 2", received["stage2_direct"]),
            (per_1000_label(figures), figures["received_per_1000"]),
        ],
    )


def _closed_table(w, sheet, figures, _indicator):
    rows = [
        (label, figures["closed"][stage], figures["closed_pct"][stage])
        for stage, label in STAGE_LABELS.items()
    ]
    rows.append(("All stages", figures["closed"]["total"], None))
    w.table(sheet, 3, ["Stage", "Closed", "% of all closed"], rows)


def _outcomes_table(w, sheet, figures, _indicator):
    headings = ["Stage"]
    for label in OUTCOME_LABELS.values():
        headings += [label, f"{label} %"]
    rows = []
    for stage, label in STAGE_LABELS.items():
        values = [label]
        for outcome in OUTCOME_LABELS:
            values += [
                figures["outcomes"][stage][outcome],
                figures["outcomes_pct"][stage][outcome],
            ]
        rows.append(values)
    w.table(sheet, 3, headings, rows)


def _average_table(w, sheet, figures, _indicator):
    w.table(
        sheet,
        3,
        ["Stage", "Average working days"],
        [(label, figures["average_working_days"][stage]) for stage, label in STAGE_LABELS.items()],
    )


def _count_table(w, sheet, figures, indicator):
    w.table(
        sheet,
        3,
        ["Stage", text(indicator.count_label), text(indicator.pct_label)],
        _count_rows(indicator, figures),
    )


# The table of each kind of indicator (``Indicator.kind``).
TABLES = {
    "learning": _learning_table,
    "experience": _experience_table,
    "training": _training_table,
    "received": _received_table,
    "closed": _closed_table,
    "outcomes": _outcomes_table,
    "average": _average_table,
    "count": _count_table,
}


def _indicator_sheets(w, figures):
    """A sheet per declared indicator, in their order, with its table."""
    sheets = {}
    for indicator in w.indicators:
        sheet = w.indicator_sheet(indicator.sheet, text(indicator.title), text(indicator.wording))
        TABLES[indicator.kind](w, sheet, figures, indicator)
        sheets[indicator.sheet] = sheet
    return sheets


def _chart(book, kind, title, series, y_title=None, subtype=None, y_max=None):
    """A native Excel chart over cells of the workbook; ``series`` =
    [(name, categories range, values range)] as [sheet, row, col, row, col]."""
    chart = book.add_chart({"type": kind, **({"subtype": subtype} if subtype else {})})
    for name, categories, values in series:
        chart.add_series({"name": name, "categories": categories, "values": values})
    chart.set_title({"name": title})
    axis = {"name": y_title} if y_title else {}
    if y_max is not None:
        axis.update(min=0, max=y_max)
    (chart.set_x_axis if kind == "bar" else chart.set_y_axis)(axis)
    chart.set_legend({"position": "bottom"} if len(series) > 1 else {"none": True})
    chart.set_size({"width": 520, "height": 300})
    return chart


def _indicator_charts(book, sheets, indicators, figures):
    """Charts beside the tables of the charted indicators (rows 5-7 of each
    sheet hold the three stages, written by ``_indicator_sheets``); none
    for a figure the report did not record."""

    def stages(sheet, col):
        return [sheet, 4, col, 6, col]

    for indicator in indicators:
        spec = indicator.chart
        if spec is None or (spec.kind == "stages" and spec.value not in figures):
            continue
        sheet = indicator.sheet
        if spec.kind == "outcomes":
            # The chart goes under the wide table: on a page of its own when printed.
            sheets[sheet].set_h_pagebreaks([spec.xlsx_anchor[0]])
            series = [
                (label, stages(sheet, 0), stages(sheet, 1 + 2 * index))
                for index, label in enumerate(OUTCOME_LABELS.values())
            ]
            chart = _chart(book, "column", text(spec.xlsx_title), series, text(spec.xlsx_axis))
        else:
            series = [(text(spec.xlsx_series), stages(sheet, 0), stages(sheet, spec.xlsx_column))]
            chart = _chart(
                book,
                "bar",
                text(spec.xlsx_title),
                series,
                text(spec.xlsx_axis),
                y_max=spec.maximum,
            )
        sheets[sheet].insert_chart(*spec.xlsx_anchor, chart)


def _open_sheet(w, figures, date_to=None):
    """Carried forward into the period, and open / overdue at its end (or
    today, labelled so, while the period is not over)."""
    heading = open_heading(figures, date_to)
    sheet = w.indicator_sheet(
        "Open at period end",
        heading,
        "Open at the start: received before the period and not closed at that stage "
        "before it started (carried forward). Open at the end: received by then and not "
        "closed at that stage by then; overdue when the deadline (extended where "
        "authorised) had passed.",
    )
    start = figures.get("open_at_start") or {}
    w.table(
        sheet,
        3,
        ["Stage", "Open at the start", f"Open {open_when(figures, date_to)}", "Overdue"],
        [
            (
                label,
                start.get(stage),
                figures["open_at_end"][stage],
                figures["overdue_at_end"][stage],
            )
            for stage, label in STAGE_LABELS.items()
        ],
    )


def _children_sheet(w, children):
    """Complaints involving children and young people, or only that there
    were few (the few-complaints suppression)."""
    sheet = w.indicator_sheet(
        "Children",
        "Complaints involving children and young people",
        "Complaints made by a child or young person, by an adult for a child, or about "
        "matters that affect a child (the SPSO's Child Friendly Complaints Handling "
        "Principles).",
    )
    if children["suppressed"]:
        sheet.write_string(
            3,
            0,
            f"{children['few']} or fewer such complaints in the period: figures not given, "
            "so that no child can be recognised.",
        )
        return
    within = children.get("within_timescale") or {}
    w.table(
        sheet,
        3,
        ["Stage", "Closed", "Within timescale", *OUTCOME_LABELS.values()],
        [
            (
                label,
                children["closed"][stage],
                within.get(stage),
                *(children["outcomes"][stage][outcome] for outcome in OUTCOME_LABELS),
            )
            for stage, label in STAGE_LABELS.items()
        ],
    )
    sheet.write_string(8, 0, "Received in the period", w.bold)
    w.cell(sheet, 8, 1, children["received"]["total"])


def _arc_sheet(w, arc):
    """A landlord's Annual Return on the Charter complaints table, with the
    numbers and wording of the reporting year."""
    figures = arc["figures"]
    sheet = w.indicator_sheet(
        "ARC complaints",
        f"Annual Return on the Charter: complaints, {arc['year']}",
        arc_period(figures),
    )
    w.table(
        sheet,
        3,
        ["Number", "Row", *(heading for _g, _s, heading in ARC_COLUMNS)],
        [
            (
                number or "",
                label,
                *(arc_value(figures, key, group, stage) for group, stage, _h in ARC_COLUMNS),
            )
            for key, number, label in arc["labels"]
        ],
    )


def _breakdown_sheet(w, figures):
    sheet = w.book.add_worksheet("Breakdown")
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 3, 18)
    headings = ["Received", "Closed", "Upheld or partially upheld"]
    row = 0
    starts = []
    for key, title in (
        ("by_service", "Service"),
        ("by_root_cause", "Root cause"),
        ("by_contractor", "Contractor"),
    ):
        starts.append(row)
        sheet.write_string(row, 0, f"By {title.lower()}", w.title)
        row = w.table(
            sheet,
            row + 1,
            [title, *headings],
            [
                (line["name"], line["received"], line["closed"], line["upheld_or_partially"])
                for line in figures.get(key, [])
            ],
        )
    # Each table starts a printed page; three tables have no one heading
    # row to repeat.
    w.print_setup(sheet, "Complaints by service, root cause and contractor", breaks=starts[1:])


def _case_sheet(w, case_rows, columns):
    """The case rows, written with one writer per column chosen once (tens
    of thousands of rows for a year): dates as Excel serial numbers with a
    date format (real dates for any spreadsheet), empty values skipped."""
    sheet = w.book.add_worksheet("Cases")
    w.print_setup(sheet, "Complaints closed in the period, one row each", repeat_rows=(0, 0))
    sheet.set_column(0, len(columns) - 1, 16)
    sheet.freeze_panes(1, 1)
    for col, (_key, heading, _kind) in enumerate(columns):
        sheet.write_string(0, col, heading, w.head)

    def date_writer(row, col, value):
        sheet.write_number(row, col, value.toordinal() - EXCEL_EPOCH, w.date)

    writers = {
        "date": date_writer,
        "number": sheet.write_number,
        "bool": sheet.write_boolean,
        "text": sheet.write_string,
    }
    columns = [(col, key, writers[kind]) for col, (key, _h, kind) in enumerate(columns)]
    for row_index, row in enumerate(case_rows, start=1):
        for col, key, write in columns:
            value = row[key]
            if value is not None:
                write(row_index, col, value)


def _trends_sheet(w, trends):
    """Years and quarters in separate tables (they are not comparable), each
    with a chart of the charted columns (complaints received and closed)
    beside it."""
    sheet = w.book.add_worksheet("Trends")
    sheet.set_column(0, 8, 18)
    columns = trend_columns(w.indicators)
    headings = ["Period", *[text(column.label) for column in columns]]
    row = 0
    starts = []
    for title, rows in zip(("By reporting year", "By quarter"), split_trends(trends), strict=True):
        if not rows:
            continue
        starts.append(row)
        sheet.write_string(row, 0, title, w.title)
        first = row + 2
        next_row = w.table(
            sheet,
            row + 1,
            headings,
            [[r["period"], *[trend_value(r, column) for column in columns]] for r in rows],
        )
        last = first + len(rows) - 1
        chart = _chart(
            w.book,
            "line" if len(rows) > 1 else "column",
            f"Complaints received and closed, {title.lower()}",
            [
                (
                    text(column.label),
                    ["Trends", first, 0, last, 0],
                    ["Trends", first, 1 + col, last, 1 + col],
                )
                for col, column in enumerate(columns)
                if column.charted
            ],
            "Complaints",
        )
        sheet.insert_chart(row, len(headings) + 1, chart)
        row = max(next_row, row + 17)
    # Years and quarters (each table with its chart) on pages of their own.
    w.print_setup(sheet, "Trends", breaks=starts[1:])


def build_workbook(figures, meta, case_rows=None, trends=None, indicators=None):
    """The xlsx file (bytes) for ``figures``.

    ``meta``: organisation, title, date_from, date_to, generated_on, generated_by.
    ``case_rows``: anonymised rows (see CASE_COLUMNS) or None to leave the case
    sheet out (public downloads). ``trends``: optional list of {"period",
    "received", "closed", ...} rows for the trend sheet. ``indicators``: the
    registry (``chp.spso.indicator._chp_indicators()``), by default this
    addon's declarations.
    """
    indicators = CORE_INDICATORS if indicators is None else indicators
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    w = _Writer(book, meta, indicators)
    cover = book.add_worksheet("Cover")
    w.print_setup(cover, "Cover")
    cover.set_column(0, 0, 24)
    cover.set_column(1, 1, 48)
    cover.write_string(0, 0, meta.get("title") or DEFAULT_TITLE, w.title)
    lines = [
        ("Organisation", meta.get("organisation"), None),
        ("Period from", meta.get("date_from"), "date"),
        ("Period to", meta.get("date_to"), "date"),
        ("Generated on", meta.get("generated_on"), "datetime"),
        ("Generated by", meta.get("generated_by"), None),
    ]
    # Built by a scheduled action: nobody to name (never "OdooBot").
    lines = [line for line in lines if line[0] != "Generated by" or line[1]]
    for row, (label, value, kind) in enumerate(lines, start=2):
        cover.write_string(row, 0, label, w.bold)
        w.cell(cover, row, 1, value, kind)
    _indicator_charts(book, _indicator_sheets(w, figures), indicators, figures)
    _open_sheet(w, figures, meta.get("date_to"))
    _breakdown_sheet(w, figures)
    if figures.get("children"):
        _children_sheet(w, figures["children"])
    if figures.get("arc"):
        _arc_sheet(w, figures["arc"])
    if trends:
        _trends_sheet(w, trends)
    if case_rows is not None:
        _case_sheet(w, case_rows, case_columns(indicators))
    book.close()
    return output.getvalue()
