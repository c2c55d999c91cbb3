from ast import literal_eval
from datetime import datetime

from lxml import etree

from odoo.tests import TransactionCase, tagged

from .common import role_user


@tagged("post_install", "-at_install")
class TestAnalysisViews(TransactionCase):
    """Views that count: the complaint pivot and graph open on the number of
    complaints by month and stage; the kanban has a search panel by service
    and stage; contract managers get complaints per quarter per contractor,
    of their own contractors only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.manager = role_user(cls.env, "chp_views_cm", "contract_manager")
        Partner = cls.env["res.partner"]
        cls.mine, cls.other = Partner.create(
            [
                {
                    "name": "Mine Ltd",
                    "is_company": True,
                    "chp_is_contractor": True,
                    "chp_contract_manager_id": cls.manager.id,
                },
                {"name": "Other Ltd", "is_company": True, "chp_is_contractor": True},
            ]
        )
        Complaint = cls.env["chp.complaint"]
        for day, contractor in (
            (datetime(2026, 4, 10, 10), cls.mine),
            (datetime(2026, 5, 11, 10), cls.mine),
            (datetime(2026, 7, 14, 10), cls.mine),
            (datetime(2026, 7, 15, 10), cls.other),
        ):
            Complaint.create(
                {"subject": "Contractor", "date_received": day, "contractor_id": contractor.id}
            )

    def _arch(self, view_type, view_id=None):
        views = self.env["chp.complaint"].get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_pivot_and_graph_count_by_month_and_stage(self):
        action = self.env.ref("chp_complaints.chp_complaint_action")
        self.assertIn("pivot", action.view_mode)
        for view_type in ("pivot", "graph"):
            arch = self._arch(view_type)
            fields = [(f.get("name"), f.get("interval"), f.get("type")) for f in arch.iter("field")]
            self.assertEqual(fields[0][:2], ("date_received", "month"), view_type)
            self.assertEqual(fields[1][0], "stage_id", view_type)
            # No measure named: the pivot and the graph count the records.
            measures = [name for name, _i, kind in fields if kind == "measure"]
            self.assertEqual(measures, [], view_type)

    def test_kanban_search_panel_by_service_and_stage(self):
        search = self._arch("search")
        panel = search.find("searchpanel")
        self.assertIsNotNone(panel)
        self.assertIn("kanban", panel.get("view_types"))
        self.assertEqual([f.get("name") for f in panel.iter("field")], ["service_id", "stage_id"])

    def test_contract_manager_graph_per_quarter_per_contractor(self):
        action = self.env.ref("chp_complaints.chp_complaint_contractor_action")
        graph = action.view_ids.filtered(lambda v: v.view_mode == "graph").view_id
        arch = etree.fromstring(graph.arch)
        groupbys = [
            f"{f.get('name')}:{f.get('interval')}" if f.get("interval") else f.get("name")
            for f in arch.iter("field")
            if f.get("type") != "measure"
        ]
        self.assertEqual(groupbys, ["date_received:quarter", "contractor_id"])
        rows = (
            self.env["chp.complaint"]
            .with_user(self.manager)
            ._read_group(literal_eval(action.domain), groupbys, ["__count"])
        )
        counts = {(quarter.strftime("%Y-%m"), partner.name): n for quarter, partner, n in rows}
        # Q1 2026/27 (April-June): two; Q2: one; "Other Ltd" is not theirs.
        self.assertEqual(counts, {("2026-04", "Mine Ltd"): 2, ("2026-07", "Mine Ltd"): 1})
        menu = self.env.ref("chp_complaints.chp_complaint_contractor_menu")
        self.assertTrue(menu.with_user(self.manager)._filter_visible_menus())
