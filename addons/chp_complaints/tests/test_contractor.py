from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools.reporting_periods import current_periods
from .common import role_user


@tagged("post_install", "-at_install")
class TestContractor(TransactionCase):
    """Contractors' complaint counts for the current quarter and reporting
    year, and the flags of missed objectives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.manager = role_user(cls.env, "chp_cm", "contract_manager")
        cls.board = role_user(cls.env, "chp_board", "committee")
        Partner = cls.env["res.partner"]
        cls.fixit = Partner.create(
            {
                "name": "Fixit Ltd",
                "is_company": True,
                "chp_is_contractor": True,
                "chp_contract_manager_id": cls.manager.id,
                "chp_target_within_pct": 80,
                "chp_max_complaints_quarter": 2,
            }
        )
        cls.tidy = Partner.create(
            {"name": "Tidy Ltd", "is_company": True, "chp_is_contractor": True}
        )
        cls.service = cls.env["chp.service"].create({"name": "Repairs"})
        cls.cause = cls.env["chp.root.cause"].create({"name": "Contractor workmanship"})

    def _complaint(self, received, contractor, **vals):
        return self.env["chp.complaint"].create(
            dict(
                subject="About the contractor",
                date_received=datetime.combine(received, datetime.min.time().replace(hour=10)),
                contractor_id=contractor.id,
                service_id=self.service.id,
                root_cause_id=self.cause.id,
                **vals,
            )
        )

    def _close_stage1(self, complaint, outcome):
        complaint.write({"stage1_outcome": outcome, "stage1_action": "Put right"})
        complaint.action_close_stage1()

    def test_current_periods(self):
        self.assertEqual(
            current_periods(date(2025, 5, 20)),
            {
                "q": (date(2025, 4, 1), date(2025, 6, 30)),
                "y": (date(2025, 4, 1), date(2026, 3, 31)),
            },
        )
        self.assertEqual(
            current_periods(date(2026, 2, 1)),
            {
                "q": (date(2026, 1, 1), date(2026, 3, 31)),
                "y": (date(2025, 4, 1), date(2026, 3, 31)),
            },
        )

    @freeze_time("2025-05-20 12:00:00")
    def test_counts_and_missed_objectives(self):
        on_time = self._complaint(date(2025, 5, 19), self.fixit)
        late = self._complaint(date(2025, 4, 22), self.fixit)
        self._complaint(date(2025, 5, 20), self.fixit)
        self._complaint(date(2025, 3, 10), self.fixit)  # last reporting year
        self._complaint(date(2025, 5, 20), self.tidy)
        self._close_stage1(on_time, "upheld")
        self._close_stage1(late, "not_upheld")
        self.assertTrue(on_time.stage1_within_timescale)
        self.assertFalse(late.stage1_within_timescale)

        fixit = self.fixit.with_user(self.manager)
        self.assertEqual(fixit.chp_q_received, 3)
        self.assertEqual(fixit.chp_y_received, 3)
        self.assertEqual(fixit.chp_q_open_stage1, 1)
        self.assertEqual(fixit.chp_q_closed, 2)
        self.assertEqual(fixit.chp_q_upheld, 1)
        self.assertEqual(fixit.chp_q_not_upheld, 1)
        self.assertEqual(fixit.chp_q_resolved, 0)
        self.assertEqual(fixit.chp_q_within, 1)
        self.assertAlmostEqual(fixit.chp_q_within_pct, 50.0)
        self.assertTrue(fixit.chp_objective_within_missed, "50% closed in time, target 80%")
        self.assertTrue(fixit.chp_objective_volume_missed, "3 complaints, at most 2")
        self.assertTrue(fixit.chp_objective_missed)

        tidy = self.tidy.with_user(self.manager)
        self.assertEqual(tidy.chp_q_received, 1)
        self.assertFalse(tidy.chp_objective_missed, "no objectives, nothing missed")

        missed = self.env["res.partner"].search(
            [("chp_is_contractor", "=", True), ("chp_objective_missed", "=", True)]
        )
        self.assertIn(self.fixit, missed)
        self.assertNotIn(self.tidy, missed)

        # the board reads the figures without reading any complaint
        self.assertEqual(self.fixit.with_user(self.board).chp_q_received, 3)

    @freeze_time("2025-05-20 12:00:00")
    def test_objectives_met(self):
        self.fixit.chp_max_complaints_quarter = 5
        complaint = self._complaint(date(2025, 5, 19), self.fixit)
        self._close_stage1(complaint, "resolved")
        self.assertEqual(self.fixit.chp_q_resolved, 1)
        self.assertAlmostEqual(self.fixit.chp_q_within_pct, 100.0)
        self.assertFalse(self.fixit.chp_objective_missed)

    def test_contract_manager_only_for_contractors(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {"name": "Not a contractor", "chp_contract_manager_id": self.manager.id}
            )

    def test_complainant_flag_follows_complaints(self):
        customer = self.env["res.partner"].create({"name": "Jean Customer"})
        self.assertFalse(customer.chp_is_complainant)
        complaint = self.env["chp.complaint"].create(
            {"subject": "Noise", "partner_id": customer.id}
        )
        self.assertTrue(customer.chp_is_complainant)
        complaint.partner_id = False
        self.assertFalse(customer.chp_is_complainant)
