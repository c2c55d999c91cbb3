import threading
from contextlib import closing
from datetime import date

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools.transition import creating
from .common import ChpJourneyCase


@tagged("post_install", "-at_install")
class TestSequence(ChpJourneyCase):
    """References: one sequence per company, numbered per year of receipt."""

    def test_reference_takes_the_year_of_receipt(self):
        old = self.make_complaint(received="2024-06-01 10:00:00")
        older = self.make_complaint(received="2023-02-01 10:00:00")
        self.assertRegex(old.name, r"^CMP/2024/\d{5}$")
        self.assertRegex(older.name, r"^CMP/2023/\d{5}$")
        # New Year's Eve 23:30 UTC is still 2025 in Scotland (GMT).
        eve = self.make_complaint(received="2025-12-31 23:30:00")
        self.assertRegex(eve.name, r"^CMP/2025/")

    def test_references_are_unique_in_a_batch(self):
        complaints = (
            self.env["chp.complaint"]
            .with_user(self.staff)
            .create(
                [
                    {"subject": f"Complaint {i}", "date_received": "2026-03-02 10:00:00"}
                    for i in range(30)
                ]
            )
        )
        self.assertEqual(len(set(complaints.mapped("name"))), 30)
        numbers = sorted(int(name.rsplit("/", 1)[1]) for name in complaints.mapped("name"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 30)))

    def test_each_company_numbers_its_own_complaints(self):
        other = self.env["res.company"].create({"name": "Glen Housing Co-operative"})
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "chp.complaint"), ("company_id", "=", other.id)]
        )
        self.assertEqual(len(sequence), 1)
        self.assertEqual(sequence.implementation, "standard")
        first = self.env["chp.complaint"].create(
            {
                "subject": "Noise",
                "company_id": other.id,
                "date_received": "2026-05-05 10:00:00",
                # not the fixtures' services and causes, which are this company's
                "service_id": False,
                "root_cause_id": False,
            }
        )
        self.assertEqual(first.name, "CMP/2026/00001")

    def test_duplicate_reference_is_refused(self):
        complaint = self.make_complaint()
        with self.assertRaisesRegex(UserError, "Reference"):
            self.make_complaint(name=complaint.name)
        # The database constraint stays the last guard, for the history import.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            creating(self.env, "chp.complaint"),
        ):
            self.make_complaint(name=complaint.name)

    def test_ranges_are_opened_ahead_of_time(self):
        """This year's and next year's numbering exist before the first
        complaint of the year, so concurrent first complaints can't both open
        the year."""
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "chp.complaint"), ("company_id", "=", self.env.company.id)]
        )
        self.env["chp.complaint"]._chp_ensure_reference_ranges(years=(2031, 2032))
        years = {day.year for day in sequence.date_range_ids.mapped("date_from")}
        self.assertTrue({2031, 2032} <= years)
        again = self.env["chp.complaint"]._chp_ensure_reference_ranges(years=(2031, 2032))
        self.assertFalse(again, "ranges already open are not opened twice")

    def test_concurrent_first_references_of_a_year_never_opened(self):
        """Ten transactions draw the first reference of a history year at the
        same moment, each from a snapshot taken before any opened the year:
        one opens the year, the others are retried by Odoo's RPC layer and
        draw from that range; ten distinct numbers, one range, no error.
        Runs on committed data in real concurrent transactions (a sequence
        of its own, deleted afterwards)."""
        dbname, registry = self.env.cr.dbname, self.registry

        def new_env(cr):
            # The registry is given, not looked up: the test runner holds
            # the registries' lock while it runs the tests.
            cr.transaction = api.Transaction(registry)
            return api.Environment(cr, SUPERUSER_ID, {})

        def in_new_transaction(func):
            with closing(sql_db.db_connect(dbname).cursor()) as cr:
                result = func(new_env(cr))
                cr.commit()  # pylint: disable=invalid-commit
                return result

        sequence_id = in_new_transaction(
            lambda env: (
                env["ir.sequence"]
                .create(
                    {
                        "name": "chp concurrency test",
                        "code": "chp.concurrency.test",
                        "prefix": "T/%(range_year)s/",
                        "padding": 5,
                        "use_date_range": True,
                        "implementation": "standard",
                    }
                )
                .id
            )
        )

        def cleanup(env):
            sequence = env["ir.sequence"].browse(sequence_id)
            sequence.date_range_ids.unlink()
            sequence.unlink()

        self.addCleanup(in_new_transaction, cleanup)
        barrier = threading.Barrier(10)
        names, errors = [], []

        def draw():
            try:
                with closing(sql_db.db_connect(dbname).cursor()) as cr:
                    env = new_env(cr)
                    cr.execute("SET lock_timeout = '30s'")
                    # The snapshot of this transaction starts here.
                    cr.execute("SELECT count(*) FROM ir_sequence_date_range")
                    barrier.wait(timeout=30)
                    # What odoo.service.model.retrying does for every RPC call
                    # (it can't be called here: it reloads the registry).
                    for _attempt in range(MAX_TRIES_ON_CONCURRENCY_FAILURE):
                        try:
                            drawn = env["chp.complaint"]._chp_draw_references(
                                [(env["ir.sequence"].browse(sequence_id), date(2011, 6, 1))]
                            )
                            cr.commit()  # pylint: disable=invalid-commit
                            break
                        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                            cr.rollback()
                    names.extend(drawn)
            except Exception as error:  # reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=draw) for _i in range(10)]
        with mute_logger("odoo.service.model", "odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertEqual(errors, [])
        self.assertEqual(sorted(names), [f"T/2011/{n:05d}" for n in range(1, 11)])
        ranges = in_new_transaction(
            lambda env: len(env["ir.sequence"].browse(sequence_id).date_range_ids)
        )
        self.assertEqual(ranges, 1)
