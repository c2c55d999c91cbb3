"""The indicator registry: every SPSO indicator declared once, with what it
counts, how it is split, labelled, formatted, charted and trended, so that
the engine, the workbook, the CSV, the reports' HTML (form, PDF, public
page), the charts, the trend rows, the case rows and the dashboard's view
all read one declaration instead of keeping their own lists in step.

Two kinds of declaration:

- ``kind="count"``: a figure counted per stage, "the complaints of an event
  (``base``: closed at the stage, or received, by stage of entry) that meet
  a ``condition``" over the stored columns of ``chp.complaint`` (alias
  ``c``). The engine evaluates the condition as one more flag of its one
  scan and gives ``figures[key][stage]`` and ``figures[key + "_pct"][stage]``
  (% of the base at that stage); the workbook, the CSV, the HTML and the
  charts render it generically. Adding such an indicator is one declaration
  (see readme/CONTRIBUTE.md).
- any other ``kind`` names a layout written by hand (received, closed,
  outcomes, average times, learning, training, experience), whose figures
  the engine computes in its own SQL: the declaration still gives its sheet,
  titles, wording, chart and trend columns.

The list other addons extend is ``chp.spso.indicator._chp_indicators()``
(``models/chp_spso_indicator.py``); ``CORE_INDICATORS`` is what this addon
declares, the default of the plain builders called without a list.

A report frozen before a declaration existed has no figure for its key:
every output then says ``NOT_RECORDED`` rather than 0 or an error.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

# The plain builders (workbook, CSV, charts) run without an environment:
# there the wording falls back to English, as it was written.
_lt = LazyTranslate(__name__, default_lang="en_US")

STAGES = ("stage1", "stage2_direct", "stage2_escalated")
STAGE_LABELS = {
    "stage1": "Stage 1",
    "stage2_direct": "Stage 2 (direct)",
    "stage2_escalated": "Stage 2 (after escalation)",
}
# Received is split by stage of entry, with the total first.
ENTRY_STAGES = ("total", "stage1", "stage2_direct")
ENTRY_LABELS = {"total": "All", "stage1": "Stage 1", "stage2_direct": "Stage 2 (direct)"}
OUTCOME_LABELS = {
    "upheld": "Upheld",
    "partially_upheld": "Partially upheld",
    "not_upheld": "Not upheld",
    "resolved": "Resolved",
}
# What every output says for a figure declared after its report was frozen.
NOT_RECORDED = "not recorded then"


def text(value):
    """A declaration's wording (a lazy translation, or plain text) as text."""
    return str(value) if value else ""


def column_prefix(stage):
    """The complaint's column prefix of a stage: both stage 2 routes share
    the stage 2 columns."""
    return "stage1" if stage == "stage1" else "stage2"


def stage_column(name):
    """A ``condition`` true where the stage's boolean column ``name`` is
    (``stage1_<name>`` at stage 1, ``stage2_<name>`` at stage 2)."""

    def condition(stage):
        return SQL.identifier("c", f"{column_prefix(stage)}_{name}")

    condition.stage_column = name
    return condition


@dataclass(frozen=True)
class Chart:
    """How an indicator is charted: a bar chart of one value per stage
    (``kind="stages"``, the figure ``value``) or of the outcomes at each
    stage (``kind="outcomes"``), as SVG in the reports (``name`` is its key
    in ``report_charts``) and natively in the workbook, over the sheet's
    own cells (``xlsx_column`` of the three stage rows, at
    ``xlsx_anchor``)."""

    name: str
    svg_title: Any
    svg_series: Any
    caption: Any
    xlsx_title: Any
    xlsx_series: Any
    xlsx_axis: Any
    value: str = ""
    kind: str = "stages"
    unit: str = ""
    maximum: int | None = None
    xlsx_column: int = 1
    xlsx_anchor: tuple = (3, 4)


@dataclass(frozen=True)
class TrendColumn:
    """A column of the trend rows (frozen with a report, one per period):
    ``value(figures)`` reads it from the engine's dict; ``fmt`` is "count",
    "days" or "pct"; ``charted`` puts it on the received/closed trend
    chart."""

    key: str
    label: Any
    value: Callable
    fmt: str = "count"
    charted: bool = False


@dataclass(frozen=True)
class Indicator:
    """One indicator: see the module's docstring. ``sheet`` is its workbook
    sheet and its name in the CSV's first column; ``title`` and ``wording``
    head the sheet (the SPSO's words); ``count_label`` and ``pct_label``
    head its table in the workbook (``csv_count``, ``csv_pct`` in the CSV,
    ``html_count_label``, ``html_pct_label`` and ``caption`` in the HTML).
    ``section``: the HTML section it is shown in (its own, headed
    ``heading``, by default). ``case_column``: its column of the case rows
    (a yes/no per stage, e.g. "within timescale"). ``analysis_field``: its
    field of ``chp.complaint.analysis`` (the share of closed events)."""

    key: str
    sheet: str
    title: Any
    wording: Any
    kind: str = "count"
    base: str = "closed"
    condition: Callable | None = None
    count_label: Any = ""
    pct_label: Any = ""
    csv_count: Any = ""
    csv_pct: Any = "%"
    caption: Any = ""
    html_count_label: Any = ""
    html_pct_label: Any = ""
    section: str = ""
    heading: Any = ""
    chart: Chart | None = None
    trend: tuple = ()
    case_column: Any = ""
    analysis_field: str | None = None

    @property
    def stages(self):
        """The stages the figure is split into."""
        return ENTRY_STAGES if self.base == "received" else STAGES

    @property
    def stage_labels(self):
        return ENTRY_LABELS if self.base == "received" else STAGE_LABELS

    @property
    def landscape(self):
        """A charted sheet is printed landscape (the chart beside the table)."""
        return self.chart is not None

    @property
    def pct_key(self):
        return f"{self.key}_pct"

    def condition_sql(self, stage):
        """The SQL condition (alias ``c``) at ``stage``: a callable of the
        stage, or one SQL text for every stage."""
        condition = self.condition
        if callable(condition):
            return condition(stage)
        return condition if isinstance(condition, SQL) else SQL(condition)

    def recorded(self, figures):
        """Whether ``figures`` (possibly frozen before this declaration)
        hold this indicator."""
        return self.key in (figures or {})

    def count(self, figures, stage):
        if not self.recorded(figures):
            return NOT_RECORDED
        return figures[self.key].get(stage)

    def share(self, figures, stage):
        if not self.recorded(figures):
            return NOT_RECORDED
        return (figures.get(self.pct_key) or {}).get(stage)


def _within_pct(stage):
    return lambda figures: figures["within_timescale_pct"][stage]


CORE_INDICATORS = (
    Indicator(
        key="learning",
        kind="learning",
        sheet="1 Learning",
        title=_lt("Indicator 1: Learning from complaints"),
        wording=_lt(
            "A statement outlining changes or improvements to services or procedures as a "
            "result of consideration of complaints, including matters which were not upheld, "
            "and any other initiatives to learn from complaints."
        ),
        section="learning",
    ),
    Indicator(
        key="satisfaction",
        kind="experience",
        sheet="2 Experience",
        title=_lt("Indicator 2: Complaint process experience"),
        wording=_lt(
            "A statement to report the customer's experience in relation to the complaints "
            "service provided."
        ),
        section="learning",
    ),
    Indicator(
        key="training",
        kind="training",
        sheet="3 Training",
        title=_lt("Indicator 3: Staff awareness and training"),
        wording=_lt(
            "A statement to report on activity in relation to raising staff awareness and "
            "training about complaints handling."
        ),
        section="learning",
    ),
    Indicator(
        key="received",
        kind="received",
        base="received",
        sheet="4 Received",
        title=_lt("Indicator 4: The total number of complaints received"),
        wording=_lt(
            "The number of complaints received, by stage of entry, and per 1,000 of the "
            "population, tenancies or homes."
        ),
        section="received",
        trend=(
            TrendColumn(
                "received",
                _lt("Received"),
                lambda figures: figures["received"]["total"],
                charted=True,
            ),
        ),
    ),
    Indicator(
        key="closed",
        kind="closed",
        sheet="5 Closed",
        title=_lt("Indicator 5: Complaints closed at each stage"),
        wording=_lt(
            "The number of complaints closed at stage one, stage two (direct) and stage two "
            "(after escalation) as a percentage of all complaints closed."
        ),
        section="closed",
        chart=Chart(
            name="closed",
            value="closed",
            svg_title=_lt("Indicator 5: complaints closed at each stage"),
            svg_series=_lt("Closed"),
            caption=_lt(
                "Chart: complaints closed at each stage (the table above holds the figures)."
            ),
            xlsx_title=_lt("Complaints closed at each stage"),
            xlsx_series=_lt("Closed"),
            xlsx_axis=_lt("Complaints"),
        ),
        trend=(
            TrendColumn(
                "closed", _lt("Closed"), lambda figures: figures["closed"]["total"], charted=True
            ),
        ),
    ),
    Indicator(
        key="outcomes",
        kind="outcomes",
        sheet="6 Outcomes",
        title=_lt("Indicator 6: Complaints upheld, partially upheld, not upheld and resolved"),
        wording=_lt(
            "The number of complaints upheld, partially upheld, not upheld and resolved at "
            "each stage as a percentage of complaints closed in full at that stage."
        ),
        section="outcomes",
        chart=Chart(
            name="outcomes",
            kind="outcomes",
            svg_title=_lt("Indicator 6: outcomes at each stage (number of complaints)"),
            svg_series="",
            caption=_lt(
                "Chart: outcomes at each stage, number of complaints (the table above holds "
                "the figures)."
            ),
            xlsx_title=_lt("Outcomes at each stage"),
            xlsx_series="",
            xlsx_axis=_lt("Complaints"),
            xlsx_anchor=(8, 0),
        ),
    ),
    Indicator(
        key="average_working_days",
        kind="average",
        sheet="7 Average times",
        title=_lt("Indicator 7: Average times"),
        wording=_lt(
            "The average time in working days for a full response to complaints at each stage."
        ),
        section="times",
        chart=Chart(
            name="times",
            value="average_working_days",
            svg_title=_lt("Indicator 7: average working days to a full response"),
            svg_series=_lt("Average working days"),
            unit=" days",
            caption=_lt(
                "Chart: average working days to a full response at each stage (the table "
                "above holds the figures)."
            ),
            xlsx_title=_lt("Average working days to a full response"),
            xlsx_series=_lt("Average working days"),
            xlsx_axis=_lt("Working days"),
            xlsx_anchor=(3, 3),
        ),
        trend=(
            TrendColumn(
                "stage1_average_days",
                _lt("Stage 1 average working days"),
                lambda figures: figures["average_working_days"]["stage1"],
                fmt="days",
            ),
        ),
    ),
    Indicator(
        key="within_timescale",
        sheet="8 Within timescale",
        title=_lt("Indicator 8: Complaints closed in full within the timescales"),
        wording=_lt(
            "The number and percentage of complaints at each stage which were closed in full "
            "within the set timescales of 5 and 20 working days."
        ),
        condition=stage_column("within_timescale"),
        count_label=_lt("Closed within timescale"),
        pct_label=_lt("% of closed at the stage"),
        csv_count=_lt("Closed"),
        caption=_lt(
            "Indicator 8: complaints closed in full within the timescales (5 and 20 working days)"
        ),
        html_count_label=_lt("Closed within timescale"),
        html_pct_label=_lt("% of closed at the stage"),
        section="times",
        chart=Chart(
            name="timescale",
            value="within_timescale_pct",
            svg_title=_lt("Indicator 8: % of complaints closed within the timescale"),
            svg_series=_lt("Within timescale"),
            unit="%",
            maximum=100,
            caption=_lt(
                "Chart: % of complaints closed within the timescale at each stage (the table "
                "above holds the figures)."
            ),
            xlsx_title=_lt("% closed within the timescale"),
            xlsx_series=_lt("% within timescale"),
            xlsx_axis="%",
            xlsx_column=2,
        ),
        trend=(
            TrendColumn(
                "stage1_within_pct",
                _lt("Stage 1 within timescale %"),
                _within_pct("stage1"),
                fmt="pct",
            ),
            TrendColumn(
                "stage2_direct_within_pct",
                _lt("Stage 2 (direct) within timescale %"),
                _within_pct("stage2_direct"),
                fmt="pct",
            ),
            TrendColumn(
                "stage2_escalated_within_pct",
                _lt("Stage 2 (escalated) within timescale %"),
                _within_pct("stage2_escalated"),
                fmt="pct",
            ),
        ),
        case_column=_lt("within timescale"),
        analysis_field="within_timescale_pct",
    ),
    Indicator(
        key="extensions",
        sheet="9 Extensions",
        title=_lt("Indicator 9: Number of cases where an extension is authorised"),
        wording=_lt(
            "The number and percentage of complaints at each stage where an extension to the "
            "5 or 20 working day timeline has been authorised."
        ),
        condition=stage_column("extended"),
        count_label=_lt("Closed with an extension"),
        pct_label=_lt("% of closed at the stage"),
        csv_count=_lt("Closed"),
        caption=_lt("Indicator 9: complaints where an extension was authorised"),
        html_count_label=_lt("Extended"),
        html_pct_label=_lt("% of closed at the stage"),
        section="times",
        trend=(
            TrendColumn(
                "extensions",
                _lt("Extensions"),
                lambda figures: sum(figures["extensions"].values()),
            ),
        ),
        case_column=_lt("extended"),
        analysis_field="extended_pct",
    ),
)


def counted(indicators):
    """The indicators the engine counts generically (``kind="count"``)."""
    return [ind for ind in indicators if ind.kind == "count"]


def by_kind(indicators, kind):
    """The declaration of a hand-written layout (None if left out)."""
    return next((ind for ind in indicators if ind.kind == kind), None)


# The HTML layout (QWeb template) of each kind of indicator; indicators 2
# and 3 are shown by the layout of indicator 1 (one table of statements).
HTML_LAYOUTS = {
    "received": "chp_reporting.chp_report_ind_received",
    "closed": "chp_reporting.chp_report_ind_closed",
    "outcomes": "chp_reporting.chp_report_ind_outcomes",
    "average": "chp_reporting.chp_report_ind_average",
    "count": "chp_reporting.chp_report_ind_count",
    "learning": "chp_reporting.chp_report_ind_learning",
}
# Sections shown after the figures: the statements of indicators 1 to 3.
TRAILING_SECTIONS = ("learning",)


def html_sections(indicators):
    """The reports' sections: [{"id", "indicators"}], each indicator in its
    ``section`` (its own, named by its key, when it declares none) in the
    order the sections first appear, the statements last."""
    sections = {}
    for indicator in indicators:
        if indicator.kind in HTML_LAYOUTS:
            section = indicator.section or indicator.key
            sections.setdefault(section, {"id": section, "indicators": []})
            sections[section]["indicators"].append(indicator)
    ordered = list(sections.values())
    return [s for s in ordered if s["id"] not in TRAILING_SECTIONS] + [
        s for s in ordered if s["id"] in TRAILING_SECTIONS
    ]


def trend_columns(indicators):
    """Every trend column, in the order of the indicators."""
    return [column for ind in indicators for column in ind.trend]


def trend_value(row, column):
    """A trend row's value of ``column``; ``NOT_RECORDED`` when the row was
    frozen before the column was declared."""
    return row.get(column.key, NOT_RECORDED)
