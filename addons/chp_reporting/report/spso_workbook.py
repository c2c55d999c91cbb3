"""The SPSO indicator workbook and the case-level CSV, built from the
indicator dict of ``chp.spso.indicator.compute`` (never from the complaints
themselves, so that the files say exactly what the reports say).

Numbers are written as numbers, dates as dates and yes/no as booleans, so that
the liaison officer and the SPSO can sort and sum the cells.
"""

import io
from datetime import date

import xlsxwriter

from .figure_labels import open_heading, open_when, per_1000_label, split_trends

STAGE_LABELS = {
    "stage1": "Stage 1",
    "stage2_direct": "Stage 2 (direct)",
    "stage2_escalated": "Stage 2 (after escalation)",
}
OUTCOME_LABELS = {
    "upheld": "Upheld",
    "partially_upheld": "Partially upheld",
    "not_upheld": "Not upheld",
    "resolved": "Resolved",
}

# (sheet name, SPSO indicator title, SPSO wording)
INDICATORS = [
    (
        "1 Learning",
        "Indicator 1: Learning from complaints",
        "A statement outlining changes or improvements to services or procedures as a "
        "result of consideration of complaints, including matters which were not upheld, "
        "and any other initiatives to learn from complaints.",
    ),
    (
        "2 Experience",
        "Indicator 2: Complaint process experience",
        "A statement to report the customer's experience in relation to the complaints "
        "service provided.",
    ),
    (
        "3 Training",
        "Indicator 3: Staff awareness and training",
        "A statement to report on activity in relation to raising staff awareness and "
        "training about complaints handling.",
    ),
    (
        "4 Received",
        "Indicator 4: The total number of complaints received",
        "The number of complaints received, by stage of entry, and per 1,000 of the "
        "population, tenancies or homes.",
    ),
    (
        "5 Closed",
        "Indicator 5: Complaints closed at each stage",
        "The number of complaints closed at stage one, stage two (direct) and stage two "
        "(after escalation) as a percentage of all complaints closed.",
    ),
    (
        "6 Outcomes",
        "Indicator 6: Complaints upheld, partially upheld, not upheld and resolved",
        "The number of complaints upheld, partially upheld, not upheld and resolved at "
        "each stage as a percentage of complaints closed in full at that stage.",
    ),
    (
        "7 Average times",
        "Indicator 7: Average times",
        "The average time in working days for a full response to complaints at each stage.",
    ),
    (
        "8 Within timescale",
        "Indicator 8: Complaints closed in full within the timescales",
        "The number and percentage of complaints at each stage which were closed in full "
        "within the set timescales of 5 and 20 working days.",
    ),
    (
        "9 Extensions",
        "Indicator 9: Number of cases where an extension is authorised",
        "The number and percentage of complaints at each stage where an extension to the "
        "5 or 20 working day timeline has been authorised.",
    ),
]

# The columns of a trend row (frozen as JSON, whose key order is not kept).
TREND_COLUMNS = [
    ("received", "Received"),
    ("closed", "Closed"),
    ("stage1_average_days", "Stage 1 average working days"),
    ("stage1_within_pct", "Stage 1 within timescale %"),
    ("stage2_direct_within_pct", "Stage 2 (direct) within timescale %"),
    ("stage2_escalated_within_pct", "Stage 2 (escalated) within timescale %"),
    ("extensions", "Extensions"),
]

DEFAULT_TITLE = "SPSO complaints performance indicators"

# Day 0 of Excel's date serial numbers (1900 date system).
EXCEL_EPOCH = date(1899, 12, 30).toordinal()

# (key in a case row, column heading, kind)
CASE_COLUMNS = [
    ("reference", "Reference", "text"),
    ("service", "Service", "text"),
    ("root_cause", "Root cause", "text"),
    ("entry", "Stage of entry", "text"),
    ("date_received", "Date received", "date"),
    ("stage1_deadline", "Stage 1 deadline", "date"),
    ("stage1_date_closed", "Stage 1 closed", "date"),
    ("stage1_working_days", "Stage 1 working days", "number"),
    ("stage1_within_timescale", "Stage 1 within timescale", "bool"),
    ("stage1_extended", "Stage 1 extended", "bool"),
    ("stage1_outcome", "Stage 1 outcome", "text"),
    ("escalated", "Escalated", "bool"),
    ("stage2_date_start", "Stage 2 started", "date"),
    ("stage2_deadline", "Stage 2 deadline", "date"),
    ("stage2_date_closed", "Stage 2 closed", "date"),
    ("stage2_working_days", "Stage 2 working days", "number"),
    ("stage2_within_timescale", "Stage 2 within timescale", "bool"),
    ("stage2_extended", "Stage 2 extended", "bool"),
    ("stage2_outcome", "Stage 2 outcome", "text"),
]


# Sheets printed across the page (a chart beside the table, or many columns).
LANDSCAPE_SHEETS = {
    "5 Closed",
    "6 Outcomes",
    "7 Average times",
    "8 Within timescale",
    "Trends",
    "Cases",
}
A4 = 9  # Excel's paper size code


def _header_text(text):
    """``text`` for an Excel header or footer section, where "&" starts a
    code (``&P``): doubled, and cut so that the whole stays under Excel's
    255 characters."""
    return (text or "").replace("&", "&&")[:100]


class _Writer:
    """Typed cell writing shared by the sheets."""

    def __init__(self, book, meta=None):
        self.book = book
        self.meta = meta or {}
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
        if sheet.name in LANDSCAPE_SHEETS:
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


def _stage_rows(figures, count_key, pct_key):
    return [
        (label, figures[count_key][stage], figures[pct_key][stage])
        for stage, label in STAGE_LABELS.items()
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


def _indicator_sheets(w, figures):
    sheets = {name: w.indicator_sheet(name, title, text) for name, title, text in INDICATORS}
    learning = figures.get("learning") or {}
    w.table(
        sheets["1 Learning"],
        3,
        ["Improvement actions", "Number"],
        [(key.replace("_", " ").capitalize(), value) for key, value in learning.items()],
    )
    _experience_sheet(w, sheets["2 Experience"], figures.get("satisfaction"))
    training = figures.get("training") or {}
    w.table(
        sheets["3 Training"],
        3,
        ["Measure", "Value"],
        [
            ("Staff", training.get("staff")),
            ("Staff with current CHP training", training.get("trained")),
            ("% trained", training.get("pct")),
        ],
    )
    received = figures["received"]
    w.table(
        sheets["4 Received"],
        3,
        ["Measure", "Number"],
        [
            ("Complaints received", received["total"]),
            ("Received at stage 1", received["stage1"]),
            ("Received directly at stage 2", received["stage2_direct"]),
            (per_1000_label(figures), figures["received_per_1000"]),
        ],
    )
    rows = _stage_rows(figures, "closed", "closed_pct")
    rows.append(("All stages", figures["closed"]["total"], None))
    w.table(sheets["5 Closed"], 3, ["Stage", "Closed", "% of all closed"], rows)
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
    w.table(sheets["6 Outcomes"], 3, headings, rows)
    w.table(
        sheets["7 Average times"],
        3,
        ["Stage", "Average working days"],
        [(label, figures["average_working_days"][stage]) for stage, label in STAGE_LABELS.items()],
    )
    w.table(
        sheets["8 Within timescale"],
        3,
        ["Stage", "Closed within timescale", "% of closed at the stage"],
        _stage_rows(figures, "within_timescale", "within_timescale_pct"),
    )
    w.table(
        sheets["9 Extensions"],
        3,
        ["Stage", "Closed with an extension", "% of closed at the stage"],
        _stage_rows(figures, "extensions", "extensions_pct"),
    )
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


def _indicator_charts(book, sheets):
    """Charts beside the tables of indicators 5 to 8 (rows 5-7 of each sheet
    hold the three stages, written by ``_indicator_sheets``)."""

    def stages(sheet, col):
        return [sheet, 4, col, 6, col]

    def bar(sheet, anchor, title, name, value_col, y_title, y_max=None):
        """A bar chart of one column of the sheet's three stage rows."""
        series = [(name, stages(sheet, 0), stages(sheet, value_col))]
        chart = _chart(book, "bar", title, series, y_title, y_max=y_max)
        sheets[sheet].insert_chart(*anchor, chart)

    bar("5 Closed", (3, 4), "Complaints closed at each stage", "Closed", 1, "Complaints")
    outcomes = "6 Outcomes"
    # The chart goes under the wide table: on a page of its own when printed.
    sheets[outcomes].set_h_pagebreaks([8])
    sheets[outcomes].insert_chart(
        8,
        0,
        _chart(
            book,
            "column",
            "Outcomes at each stage",
            [
                (label, stages(outcomes, 0), stages(outcomes, 1 + 2 * index))
                for index, label in enumerate(OUTCOME_LABELS.values())
            ],
            "Complaints",
        ),
    )
    times_title = "Average working days to a full response"
    bar("7 Average times", (3, 3), times_title, "Average working days", 1, "Working days")
    within_title = "% closed within the timescale"
    bar("8 Within timescale", (3, 4), within_title, "% within timescale", 2, "%", y_max=100)


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


def _case_sheet(w, case_rows):
    """The case rows, written with one writer per column chosen once (tens
    of thousands of rows for a year): dates as Excel serial numbers with a
    date format (real dates for any spreadsheet), empty values skipped."""
    sheet = w.book.add_worksheet("Cases")
    w.print_setup(sheet, "Complaints closed in the period, one row each", repeat_rows=(0, 0))
    sheet.set_column(0, len(CASE_COLUMNS) - 1, 16)
    sheet.freeze_panes(1, 1)
    for col, (_key, heading, _kind) in enumerate(CASE_COLUMNS):
        sheet.write_string(0, col, heading, w.head)

    def date_writer(row, col, value):
        sheet.write_number(row, col, value.toordinal() - EXCEL_EPOCH, w.date)

    writers = {
        "date": date_writer,
        "number": sheet.write_number,
        "bool": sheet.write_boolean,
        "text": sheet.write_string,
    }
    columns = [(col, key, writers[kind]) for col, (key, _h, kind) in enumerate(CASE_COLUMNS)]
    for row_index, row in enumerate(case_rows, start=1):
        for col, key, write in columns:
            value = row[key]
            if value is not None:
                write(row_index, col, value)


def _trends_sheet(w, trends):
    """Years and quarters in separate tables (they are not comparable), each
    with a chart of complaints received and closed beside it."""
    sheet = w.book.add_worksheet("Trends")
    sheet.set_column(0, 8, 18)
    keys = [key for key, _label in TREND_COLUMNS]
    headings = ["Period", *[label for _key, label in TREND_COLUMNS]]
    row = 0
    starts = []
    for title, rows in zip(("By reporting year", "By quarter"), split_trends(trends), strict=True):
        if not rows:
            continue
        starts.append(row)
        sheet.write_string(row, 0, title, w.title)
        first = row + 2
        next_row = w.table(
            sheet, row + 1, headings, [[r["period"], *[r.get(k) for k in keys]] for r in rows]
        )
        last = first + len(rows) - 1
        chart = _chart(
            w.book,
            "line" if len(rows) > 1 else "column",
            f"Complaints received and closed, {title.lower()}",
            [
                (name, ["Trends", first, 0, last, 0], ["Trends", first, col, last, col])
                for name, col in (
                    ("Received", 1 + keys.index("received")),
                    ("Closed", 1 + keys.index("closed")),
                )
            ],
            "Complaints",
        )
        sheet.insert_chart(row, len(headings) + 1, chart)
        row = max(next_row, row + 17)
    # Years and quarters (each table with its chart) on pages of their own.
    w.print_setup(sheet, "Trends", breaks=starts[1:])


def build_workbook(figures, meta, case_rows=None, trends=None):
    """The xlsx file (bytes) for ``figures``.

    ``meta``: organisation, title, date_from, date_to, generated_on, generated_by.
    ``case_rows``: anonymised rows (see CASE_COLUMNS) or None to leave the case
    sheet out (public downloads). ``trends``: optional list of {"period",
    "received", "closed", ...} rows for the trend sheet.
    """
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    w = _Writer(book, meta)
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
    _indicator_charts(book, _indicator_sheets(w, figures))
    _open_sheet(w, figures, meta.get("date_to"))
    _breakdown_sheet(w, figures)
    if trends:
        _trends_sheet(w, trends)
    if case_rows is not None:
        _case_sheet(w, case_rows)
    book.close()
    return output.getvalue()
