from datetime import date

from odoo.tests import tagged

from .retention_common import ChpRetentionCase


@tagged("post_install", "-at_install")
class TestRetentionPolicyChange(ChpRetentionCase):
    """A change of the policy's years sets every retention date in one SQL
    UPDATE (res.company.write → _chp_recompute_retention_dates): the dates
    must be those the ORM's compute gives, on every kind of complaint."""

    def _orm_dates(self, complaints):
        """The retention dates recomputed by ``_compute_retention_date``
        (forced through the ORM), in a savepoint rolled back after."""
        field = complaints._fields["retention_date"]
        self.env.flush_all()
        with self.env.cr.savepoint(flush=False) as savepoint:
            self.env.add_to_compute(field, complaints)
            complaints.flush_recordset(["retention_date"])
            self.env.invalidate_all()
            dates = {c.id: c.retention_date for c in complaints}
            savepoint.rollback()
        self.env.invalidate_all()
        return dates

    def test_sql_dates_equal_the_orm_compute(self):
        leap = self.closed_stage1(received="2024-02-26 10:00:00", closed="2024-02-29")
        direct = self.closed_direct(closed="2022-03-25")
        escalated = self.closed_escalated(escalated="2022-03-10", closed="2022-04-01")
        spso_waiting = self.refer_to_spso(self.closed_direct(closed="2022-03-25"), "2022-05-02")
        spso_decided = self.refer_to_spso(
            self.closed_stage1(closed="2022-03-11"), "2022-04-01", "not_upheld", "2023-01-20"
        )
        on_hold = self.closed_stage1(closed="2022-03-11")
        on_hold.with_user(self.senior)._chp_place_hold("Legal claim")
        still_open = self._new("2022-03-07 10:00:00")
        complaints = leap | direct | escalated | spso_waiting | spso_decided | on_hold | still_open
        self.assertTrue(spso_waiting.retention_held)
        self.assertTrue(on_hold.retention_held)

        self.company.write({"chp_retention_years": 7})

        got = {c.id: c.retention_date for c in complaints}
        self.assertEqual(got, self._orm_dates(complaints))
        self.assertEqual(leap.retention_date, date(2031, 2, 28))
        self.assertEqual(direct.retention_date, date(2029, 3, 25))
        self.assertEqual(escalated.retention_date, date(2029, 4, 1))
        self.assertEqual(spso_waiting.retention_date, date(2029, 3, 25))
        self.assertEqual(spso_decided.retention_date, date(2030, 1, 20))
        self.assertEqual(on_hold.retention_date, date(2029, 3, 11))
        self.assertFalse(still_open.retention_date)
        # The holds are the holds' business, not the policy's.
        self.assertTrue(spso_waiting.retention_held)
        self.assertTrue(on_hold.retention_held)

    def test_back_and_forth_and_what_comes_after(self):
        """Setting the years back gives the first dates again; a complaint
        closed after the change counts with the new years."""
        closed = self.closed_stage1(closed="2022-03-11")
        later = self._new("2022-03-07 10:00:00")
        self.company.write({"chp_retention_years": 2})
        self.assertEqual(closed.retention_date, date(2024, 3, 11))
        self.company.write({"chp_retention_years": 6})
        self.assertEqual(closed.retention_date, date(2028, 3, 11))
        self.company.write({"chp_retention_years": 3})
        later.write({"stage1_outcome": "upheld", "stage1_action": "Repair booked"})
        later.action_close_stage1("2022-03-10")
        self.assertEqual(later.retention_date, date(2025, 3, 10))
        self.assertEqual(
            self._orm_dates(closed | later),
            {closed.id: date(2025, 3, 11), later.id: date(2025, 3, 10)},
        )

    def test_due_search_sees_the_new_dates(self):
        """The retention run's search reads the database: after the change
        it finds what the new policy makes due."""
        closed = self.closed_stage1(closed="2022-03-11")
        Log = self.env["chp.retention.log"]
        domain = [("id", "=", closed.id), *Log._due_domain()]
        self.assertFalse(self.env["chp.complaint"].search(domain))
        self.company.write({"chp_retention_years": 1})
        self.assertEqual(self.env["chp.complaint"].search(domain), closed)
