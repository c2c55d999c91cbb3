"""Every output of the fixture's quarter, pinned cell by cell: the engine's
dict, the workbook's cells (read back with openpyxl), the figures CSV, the
trend rows and the reports' HTML body, compared with what the code gave
before the indicator registry (``data/pinned_outputs.json``), so that a
refactoring of how the indicators are declared can be shown to change no
figure, no cell and no line.

``CHP_PIN_OUTPUTS=1`` rewrites the file from the current code (only to pin
a deliberate change of the outputs, reviewed in the diff)."""

import io
import json
import os
import re
from datetime import date, datetime
from pathlib import Path

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import tagged

from ..report.spso_csv import build_case_csv, build_figures_csv
from ..report.spso_workbook import build_workbook
from .common import P_FROM, P_TO, ChpReportingCase

PINNED = Path(__file__).parent / "data" / "pinned_outputs.json"
META = {
    "title": "Pinned report",
    "organisation": "Pinned organisation",
    "date_from": P_FROM,
    "date_to": P_TO,
    "generated_on": datetime(2026, 11, 20, 12, 0),
    "generated_by": "Pinned author",
}


def _plain(value):
    """A cell or figure as JSON keeps it (dates as ISO text)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def workbook_cells(data):
    """[[sheet, [[value, ...] per row]] ...] of an xlsx file, every cell,
    the sheets in their order."""
    book = load_workbook(io.BytesIO(data))
    return [
        [sheet.title, [[_plain(cell.value) for cell in row] for row in sheet.iter_rows()]]
        for sheet in book
    ]


BREAKDOWNS = ("by_service", "by_root_cause", "by_contractor")
# Whitespace between two tags (a template's loop indents differently from
# the lines it replaces; the text a reader sees is the same).
BETWEEN_TAGS = re.compile(r">\s+<")


def _without_ids(figures):
    """``figures`` with each breakdown row's record id (which follows the
    order the tests create records in) replaced by whether it had one."""
    if not isinstance(figures, dict):
        return figures
    return dict(
        figures,
        **{
            key: [dict(row, id=bool(row["id"])) for row in figures[key]]
            for key in BREAKDOWNS
            if key in figures
        },
    )


def _html(body):
    return BETWEEN_TAGS.sub("><", body).strip()


@tagged("post_install", "-at_install")
class TestOutputsPinned(ChpReportingCase):
    def _outputs(self):
        Indicator = self.env["chp.spso.indicator"]
        with freeze_time("2026-11-20 12:00:00"):
            figures = Indicator.compute(P_FROM, P_TO, self.company)
            case_rows = Indicator.get_case_rows(P_FROM, P_TO, self.company)
            internal = self.env["chp.report"]._build_report(
                self.company, "quarterly_internal", P_FROM, P_TO
            )
            public = self.env["chp.report"]._build_report(
                self.company, "quarterly_public", P_FROM, P_TO
            )
            annual = self.env["chp.report"]._build_report(
                self.company, "annual", date(2026, 4, 1), date(2027, 3, 31)
            )
        trends = internal.trend_rows
        return {
            "figures": _without_ids(json.loads(json.dumps(figures, default=_plain))),
            "workbook": workbook_cells(build_workbook(figures, META, case_rows, trends)),
            "public_workbook": workbook_cells(build_workbook(figures, META, None, None)),
            "annual_workbook": workbook_cells(
                build_workbook(annual.figures, META, None, annual.trend_rows)
            ),
            "figures_csv": build_figures_csv(figures).decode("utf-8-sig"),
            "case_csv": build_case_csv(case_rows).decode("utf-8-sig"),
            "trend_rows": trends,
            "annual_trend_rows": annual.trend_rows,
            "internal_html": _html(str(internal.body_html)),
            "public_html": _html(str(public.body_html)),
            "annual_html": _html(str(annual.body_html)),
        }

    def test_outputs_unchanged(self):
        text = json.dumps(self._outputs(), default=_plain)
        # References follow the sequence, which other tests move on.
        for index, complaint in self.c.items():
            text = text.replace(complaint.name, f"c{index}")
        outputs = json.loads(text)
        if os.environ.get("CHP_PIN_OUTPUTS"):
            PINNED.write_text(json.dumps(outputs, indent=1, sort_keys=True) + "\n")
            return
        pinned = json.loads(PINNED.read_text())
        self.assertEqual(sorted(outputs), sorted(pinned))
        for key, value in pinned.items():
            if key.endswith("workbook"):
                self.assertEqual([s for s, _r in outputs[key]], [s for s, _r in value], key)
                for (sheet, rows), (_sheet, pinned_rows) in zip(outputs[key], value, strict=True):
                    self.assertEqual(rows, pinned_rows, f"{key}: {sheet}")
            else:
                self.assertEqual(outputs[key], value, key)
