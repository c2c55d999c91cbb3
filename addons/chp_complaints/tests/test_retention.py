from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.addons.chp_complaints.models.chp_complaint_privacy import ANONYMISED_MARKER
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..tools.transition import transition
from .retention_common import ChpRetentionCase

LOGGER = "odoo.addons.chp_complaints.models.chp_retention_log"
# Fields the anonymisation may change besides the personal data and texts.
BOOKKEEPING = {
    "anonymised",
    "anonymised_date",
    "anonymised_reason",
    "write_date",
    "write_uid",
    "message_main_attachment_id",
}


@tagged("post_install", "-at_install")
class TestRetentionDate(ChpRetentionCase):
    def test_closed_at_stage1(self):
        complaint = self.closed_stage1(closed="2022-03-11")
        self.assertEqual(complaint.retention_date, date(2028, 3, 11))

    def test_closed_at_stage2_direct(self):
        complaint = self.closed_direct(closed="2022-03-25")
        self.assertEqual(complaint.date_closed, date(2022, 3, 25))
        self.assertEqual(complaint.retention_date, date(2028, 3, 25))

    def test_closed_after_escalation_counts_from_stage2(self):
        complaint = self.closed_escalated(escalated="2022-03-10", closed="2022-04-01")
        self.assertEqual(complaint.retention_date, date(2028, 4, 1))

    def test_referred_counts_from_spso_decision_and_is_held_until_then(self):
        complaint = self.closed_direct(closed="2022-03-25")
        complaint._chp_refer_spso("2022-05-02", "SPSO-1", "The customer went to the SPSO")
        self.assertTrue(complaint.retention_spso_hold)
        self.assertTrue(complaint.retention_held)
        complaint.write({"spso_outcome": "not_upheld", "spso_decision_date": "2023-01-20"})
        self.assertFalse(complaint.retention_spso_hold)
        self.assertFalse(complaint.retention_held)
        self.assertEqual(complaint.retention_date, date(2029, 1, 20))

    def test_open_complaint_has_no_retention_date(self):
        complaint = self._new("2022-03-07 10:00:00")
        self.assertFalse(complaint.retention_date)

    def test_policy_years_apply(self):
        complaint = self.closed_stage1(closed="2022-03-11")
        with Form(self.env["chp.procedure.settings"]) as settings:
            settings.chp_retention_years = 3
        settings.record.action_save()
        self.assertEqual(complaint.retention_date, date(2025, 3, 11))

    def test_policy_years_must_be_positive(self):
        with self.assertRaises(UserError):
            self.company.chp_retention_years = 0


@tagged("post_install", "-at_install")
class TestRetentionHold(ChpRetentionCase):
    def test_spso_hold_blocks_anonymisation_and_deletion(self):
        complaint = self.refer_to_spso(self.closed_stage1(), "2022-04-01")
        with self.assertRaisesRegex(UserError, complaint.name):
            complaint._chp_anonymise()
        with self.assertRaisesRegex(UserError, complaint.name):
            complaint._chp_delete()
        for action in ("anonymise", "delete"):
            self.company.chp_retention_action = action
            with freeze_time("2031-06-01"):
                log = self.env["chp.retention.log"]._cron_apply_retention()
            self.assertEqual(log.held_count, 1)
            self.assertIn(complaint.name, log.held_refs)
            self.assertTrue(complaint.exists())
            self.assertEqual(complaint.customer_name, "Morag Customer")

    def test_manual_hold_by_senior_manager_only(self):
        complaint = self.closed_stage1()
        with self.assertRaises(AccessError):
            complaint.with_user(self.staff).action_retention_hold()
        with self.assertRaises(UserError):
            complaint.with_user(self.staff).write({"retention_hold": True})
        action = complaint.with_user(self.senior).action_retention_hold()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.senior).with_context(**action["context"])
        )
        wizard.reason = "Legal claim notified"
        wizard.save().action_confirm()
        self.assertTrue(complaint.retention_hold)
        self.assertEqual(complaint.retention_hold_user_id, self.senior)
        self.assertEqual(complaint.retention_hold_reason, "Legal claim notified")
        self.assertTrue(complaint.retention_held)

    def test_manual_hold_blocks_until_lifted(self):
        complaint = self.closed_stage1()
        complaint.with_user(self.senior)._chp_place_hold("Further complaint pending")
        with self.assertRaisesRegex(UserError, complaint.name):
            complaint._chp_anonymise()
        with freeze_time("2031-06-01"):
            log = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual((log.anonymised_count, log.held_count), (0, 1))
        self.assertFalse(complaint.anonymised)
        complaint.with_user(self.senior).action_retention_release()
        self.assertFalse(complaint.retention_held)
        with freeze_time("2031-06-01"):
            log = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual((log.anonymised_count, log.held_count), (1, 0))
        self.assertTrue(complaint.anonymised)

    def test_hold_needs_a_reason(self):
        complaint = self.closed_stage1()
        with self.assertRaises(UserError):
            complaint.with_user(self.senior)._chp_place_hold("  ")

    def test_only_retention_code_marks_anonymised(self):
        complaint = self.closed_stage1()
        with self.assertRaises(UserError):
            complaint.with_user(self.admin).write({"anonymised": True})


@tagged("post_install", "-at_install")
class TestAnonymise(ChpRetentionCase):
    def _stored_values(self, complaint):
        names = [
            name
            for name, field in complaint._fields.items()
            if field.store and field.type != "one2many"
        ]
        complaint.invalidate_recordset()
        return complaint.read(names)[0]

    def test_removes_personal_data_and_nothing_else(self):
        complaint = self.closed_escalated()
        # A fixture: values the steps would have written over the journey.
        with transition(complaint):
            complaint.write(
                {
                    "stage1_extension_reason": "Morag was on holiday",
                    "stage1_customer_summary": "Morag, we fixed your boiler.",
                    "stage2_customer_summary": "Morag, we looked again.",
                    "stage2_extension_reason": "Morag asked for a meeting",
                    "spso_recommendations": "Apologise to Morag",
                    "spso_referred": True,
                    "spso_date_referred": "2022-05-02",
                    "spso_outcome": "upheld",
                    "spso_decision_date": "2022-09-01",
                }
            )
        # Every field declared personal (``chp_personal``) holds something,
        # so that a field the anonymisation forgot would show below.
        erase, texts, htmls = complaint._chp_anonymised_fields()
        self.assertIn("on_behalf_of", erase)
        self.assertIn("description", htmls)
        fill = {}
        for name in erase + texts + htmls:
            if not complaint[name]:
                field = complaint._fields[name]
                if field.type in ("many2many", "many2one"):
                    some = self.env[field.comodel_name].search([], limit=1)
                    fill[name] = some.id if field.type == "many2one" else [(6, 0, some.ids)]
                    continue
                fill[name] = (
                    True
                    if field.type == "boolean"
                    else f"<p>Morag: {name}</p>"
                    if field.type == "html"
                    else f"Morag: {name}"
                )
        with transition(complaint):
            complaint.write(fill)
        self.assertFalse([name for name in erase + texts + htmls if not complaint[name]])
        # Records created in the transaction are not tracked until it ends.
        self.env.flush_all()
        self.env.cr.flush()
        tracked = complaint.with_context(tracking_disable=False)
        with transition(complaint):
            tracked.write({"subject": "Morag's boiler still broken"})
        self.env.flush_all()
        self.env.cr.flush()
        self.assertIn(
            "Morag",
            self.messages(complaint).tracking_value_ids.mapped("old_value_char")[0],
        )
        self.add_chatter(tracked)
        message_attachments = self.messages(complaint).attachment_ids
        self.assertTrue(message_attachments)
        before = self._stored_values(complaint)
        # The tracking link ends with the data (issue 20).
        changed_expected = set(erase + texts + htmls) | {"access_token"}
        complaint._portal_ensure_token()  # the link the customer kept

        complaint._chp_anonymise()

        after = self._stored_values(complaint)
        changed = {name for name in before if before[name] != after[name]}
        self.assertEqual(changed - BOOKKEEPING, changed_expected)
        for name in erase:
            self.assertFalse(complaint[name], name)
        for name in texts:
            self.assertEqual(complaint[name], ANONYMISED_MARKER, name)
        self.assertIn(ANONYMISED_MARKER, complaint.description)
        self.assertTrue(complaint.anonymised)
        self.assertEqual(complaint.anonymised_reason, "retention")
        # The contact is unlinked, then erased: no other complaint needs it.
        self.assertFalse(self.customer.exists())
        messages = self.messages(complaint)
        self.assertTrue(messages)
        for message in messages:
            self.assertNotIn("Morag", message.body or "")
            self.assertFalse(message.subject)
            self.assertFalse(message.email_from)
            self.assertNotEqual(message.author_id, self.customer)
            self.assertFalse(message.attachment_ids)
        self.assertFalse(
            messages.tracking_value_ids.filtered(
                lambda t: "Morag" in str(t.old_value_char) + str(t.new_value_char)
            )
        )
        self.assertFalse(self.attachments(complaint))
        self.assertFalse(message_attachments.exists())

    def test_clock_and_outcome_fields_identical(self):
        complaints = self.closed_stage1() | self.closed_direct() | self.closed_escalated()
        clock_fields = [
            name
            for name, field in complaints._fields.items()
            if field.store
            and (field.compute or name.endswith(("_outcome", "_route")))
            and name not in ("display_name",)
        ]
        before = {c.id: self._stored_values(c) for c in complaints}
        complaints._chp_anonymise()
        for complaint in complaints:
            after = self._stored_values(complaint)
            for name in clock_fields:
                self.assertEqual(after[name], before[complaint.id][name], name)

    def test_empty_texts_stay_empty(self):
        complaint = self.closed_stage1(remedial_action=False)
        complaint._chp_anonymise()
        self.assertFalse(complaint.remedial_action)
        self.assertFalse(complaint.stage2_action)


@tagged("post_install", "-at_install")
class TestRetentionRun(ChpRetentionCase):
    def test_run_anonymises_due_complaints_and_is_idempotent(self):
        due = self.closed_stage1(closed="2022-03-11") | self.closed_direct(closed="2022-03-25")
        recent = self.closed_stage1(received="2025-03-03 10:00:00", closed="2025-03-07")
        with freeze_time("2029-06-01"):
            log = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual((log.anonymised_count, log.failed_count), (2, 0))
        self.assertEqual(set(log.anonymised_refs.split(", ")), set(due.mapped("name")))
        self.assertTrue(all(due.mapped("anonymised")))
        self.assertFalse(recent.anonymised)
        stamps = due.mapped("anonymised_date")
        with freeze_time("2029-07-01"):
            again = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual((again.anonymised_count, again.deleted_count), (0, 0))
        self.assertEqual(due.mapped("anonymised_date"), stamps)

    def test_run_is_atomic_per_complaint(self):
        first = self.add_chatter(self.closed_stage1(closed="2022-03-11"))
        broken = self.add_chatter(self.closed_stage1(closed="2022-03-12"))
        last = self.add_chatter(self.closed_stage1(closed="2022-03-14"))
        Complaint = type(self.env["chp.complaint"])
        original = Complaint._chp_anonymise_attachments

        def failing(records):
            if broken in records:
                raise OSError("disk full")
            return original(records)

        with (
            patch.object(Complaint, "_chp_anonymise_attachments", failing),
            freeze_time("2031-06-01"),
            self.assertLogs(LOGGER, level="ERROR"),
        ):
            log = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual((log.anonymised_count, log.failed_count), (2, 1))
        self.assertIn(broken.name, log.failed_refs)
        self.assertIn("disk full", log.failed_refs)
        self.assertTrue(first.anonymised and last.anonymised)
        # The failing complaint is exactly as it was: fields, chatter, files.
        broken.invalidate_recordset()
        self.assertFalse(broken.anonymised)
        self.assertEqual(broken.customer_name, "Morag Customer")
        self.assertEqual(broken.partner_id, self.customer)
        self.assertEqual(broken.subject, "Morag's boiler not repaired")
        self.assertTrue(any("Morag" in (m.body or "") for m in self.messages(broken)))
        self.assertEqual(len(self.attachments(broken)), 2)

    def test_delete_policy_unlinks_complaint_and_files(self):
        self.company.chp_retention_action = "delete"
        complaint = self.add_chatter(self.closed_stage1(closed="2022-03-11"))
        reference, complaint_id = complaint.name, complaint.id
        with freeze_time("2031-06-01"):
            log = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual((log.deleted_count, log.anonymised_count), (1, 0))
        self.assertIn(reference, log.deleted_refs)
        self.assertFalse(complaint.exists())
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "chp.complaint"), ("res_id", "=", complaint_id)]
            )
        )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "chp.complaint"), ("res_id", "=", complaint_id)]
            )
        )
        self.assertFalse(self.customer.exists(), "the contact goes with its last complaint")

    def test_log_readable_by_complaints_administrator_only(self):
        with freeze_time("2031-06-01"):
            log = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual(log.with_user(self.admin).read(["anonymised_count"])[0]["id"], log.id)
        for user in (self.staff, self.senior):
            with self.assertRaises(AccessError):
                log.with_user(user).read(["anonymised_count"])
        with self.assertRaises(AccessError):
            log.with_user(self.admin).write({"anonymised_count": 5})
        with self.assertRaises(AccessError):
            self.env["chp.retention.log"].with_user(self.senior).action_run_now()

    def test_one_log_per_company_seen_by_its_administrator_only(self):
        other = self.env["res.company"].create(
            {"name": "Other Housing Association", "chp_retention_action": "delete"}
        )
        due = self.closed_stage1(closed="2022-03-11")
        with freeze_time("2031-06-01"):
            logs = self.env["chp.retention.log"]._cron_apply_retention()
        ours = logs.filtered(lambda log: log.company_id == self.company)
        theirs = logs.filtered(lambda log: log.company_id == other)
        self.assertEqual((ours.anonymised_count, theirs.anonymised_count), (1, 0))
        self.assertIn(due.name, ours.anonymised_refs)
        visible = self.env["chp.retention.log"].with_user(self.admin).search([])
        self.assertIn(ours, visible)
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            theirs.with_user(self.admin).read(["anonymised_refs"])

    def test_run_now_processes_the_users_companies(self):
        self.closed_stage1(closed="2022-03-11")
        with freeze_time("2031-06-01"):
            action = self.env["chp.retention.log"].with_user(self.admin).action_run_now()
        log = self.env["chp.retention.log"].browse(action["res_id"])
        self.assertEqual((log.company_id, log.anonymised_count), (self.company, 1))

    def test_cron_is_monthly(self):
        cron = self.env.ref("chp_complaints.ir_cron_chp_retention")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "months"))
        self.assertTrue(cron.active)
