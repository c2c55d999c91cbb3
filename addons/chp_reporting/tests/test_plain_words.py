import base64
import json
import re

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPlainWords(TransactionCase):
    """Words, not codes, on the reporting screens."""

    def test_annual_report_month_by_name(self):
        field = self.env["res.company"]._fields["chp_annual_report_month"]
        self.assertEqual(field.type, "selection")
        labels = dict(field._description_selection(self.env))
        self.assertEqual((labels["5"], labels["12"]), ("May", "December"))
        self.assertEqual(self.env.company.chp_annual_report_month, "5")
        settings = self.env["chp.procedure.settings"].create({})
        view = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="chp_annual_report_month"', view)
        self.assertNotIn("Annual report month", str(field.string))

    def test_dashboard_says_not_recorded_and_percent(self):
        dashboard = self.env.ref("chp_reporting.chp_dashboard_complaints")
        data = json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
        sheet = data["sheets"][0]
        headers = [
            cell["content"]
            for cell in sheet["cells"].values()
            if "PIVOT.HEADER" in cell.get("content", "")
        ]
        relational = [h for h in headers if re.search(r'"#(service|root_cause|contractor)_id"', h)]
        self.assertTrue(relational)
        for header in relational:
            self.assertRegex(header, r'^=IF\(PIVOT\.HEADER\(.*\)="None","Not recorded",')
        # The "% within timescale" column shows its sign.
        (percent_range,) = [r for r, f in sheet["formats"].items()]
        self.assertEqual(data["formats"][str(sheet["formats"][percent_range])], '0.0"%"')
        self.assertEqual(sheet["cells"]["G53"]["content"], '=_t("% within timescale")')
