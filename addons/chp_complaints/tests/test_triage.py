"""Triage (issue 21, point 9): the default handler of a service, inherited
from the service it is part of, given to complaints that name no handler
whatever their channel; the "Unassigned" queue; a team member taking a
complaint with "Assign to me", checked on the server."""

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ChpComplaintsCase, role_user
from .customer_common import ChpCustomerHttpCase
from .http_common import JsonRpcMixin
from .test_mail_gateway import NEW_EMAIL


def search_filter_domain(env, name):
    """The domain of the complaints search view's filter ``name``, as the
    web client evaluates it."""
    arch = env["chp.complaint"].get_views([(False, "search")])["views"]["search"]["arch"]
    [node] = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")
    return safe_eval(node.get("domain"), {"uid": env.uid})


class TriageCase(ChpComplaintsCase):
    """Housing (default handler, team) and its part Repairs (neither of its
    own); Waste with a team but no default handler."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler = role_user(cls.env, "chp_triage_handler", "staff")
        cls.member = role_user(cls.env, "chp_triage_member", "staff")
        cls.outsider = role_user(cls.env, "chp_triage_outsider", "staff")
        Service = cls.env["chp.service"]
        cls.housing = Service.create(
            {
                "name": "Housing",
                "default_user_id": cls.handler.id,
                "team_user_ids": [(6, 0, [cls.handler.id, cls.member.id])],
            }
        )
        cls.repairs = Service.create({"name": "Repairs", "parent_id": cls.housing.id})
        cls.waste = Service.create({"name": "Waste", "team_user_ids": [(6, 0, cls.member.ids)]})

    def unassigned(self, service, subject="Bins not collected"):
        """A complaint as the public form makes it: no handler given."""
        return self.env["chp.complaint"].create(
            {"subject": subject, "service_id": service.id, "user_id": False, "channel": "web"}
        )


@tagged("post_install", "-at_install")
class TestTriageRule(TriageCase):
    def test_sub_service_takes_the_parent_handler_and_team(self):
        self.assertEqual(self.repairs.triage_user_id, self.handler)
        self.assertEqual(self.repairs.triage_team_ids, self.handler | self.member)
        self.assertEqual(self.unassigned(self.repairs).user_id, self.handler)
        # A handler of its own wins over the parent's, and the team too.
        self.repairs.write(
            {"default_user_id": self.outsider.id, "team_user_ids": [(6, 0, self.outsider.ids)]}
        )
        self.assertEqual(self.unassigned(self.repairs).user_id, self.outsider)
        self.assertEqual(self.repairs.triage_team_ids, self.outsider)
        # The parent's team changes: a child without a team follows.
        self.repairs.team_user_ids = False
        self.housing.team_user_ids = [(6, 0, self.member.ids)]
        self.assertEqual(self.repairs.triage_team_ids, self.member)

    def test_explicit_handler_is_kept(self):
        complaint = self.env["chp.complaint"].create(
            {"subject": "Leak", "service_id": self.repairs.id, "user_id": self.outsider.id}
        )
        self.assertEqual(complaint.user_id, self.outsider)

    def test_staff_create_without_handler_gets_the_rule(self):
        """Over RPC a staff member names no handler: the service's rule
        applies before the ORM's default (the creator)."""
        complaint = (
            self.env["chp.complaint"]
            .with_user(self.member)
            .create({"subject": "Leak", "service_id": self.repairs.id})
        )
        self.assertEqual(complaint.user_id, self.handler)
        # No rule for the service: the creator's default as before.
        other = (
            self.env["chp.complaint"]
            .with_user(self.member)
            .create({"subject": "Bins", "service_id": self.waste.id})
        )
        self.assertEqual(other.user_id, self.member)

    def test_service_without_handler_stays_unassigned(self):
        complaint = self.unassigned(self.waste)
        self.assertFalse(complaint.user_id)
        self.assertFalse(self.unassigned(self.env["chp.service"]).user_id)

    def test_handler_who_lost_the_role_is_not_used(self):
        self.handler.groups_id = [(3, self.env.ref("chp_complaints.group_chp_staff").id)]
        self.assertFalse(self.unassigned(self.repairs).user_id)

    def test_default_handler_and_team_must_be_staff(self):
        board = role_user(self.env, "chp_triage_board", "committee")
        with self.assertRaises(ValidationError) as caught:
            self.repairs.default_user_id = board
        self.assertIn("must have the complaints role “Staff”", str(caught.exception))
        self.assertIn(board.name, str(caught.exception))
        with self.assertRaises(ValidationError):
            self.waste.team_user_ids = [(4, board.id)]
        self.assertFalse(self.repairs.default_user_id)
        self.assertEqual(self.waste.team_user_ids, self.member)

    def test_form_onchange_fills_an_empty_handler(self):
        form = Form(self.env["chp.complaint"].with_user(self.member))
        form.subject = "Leak under the sink"
        # The form's default handler is the person recording: kept.
        self.assertEqual(form.user_id, self.member)
        form.service_id = self.repairs
        self.assertEqual(form.user_id, self.member)
        # Emptied, the service's rule fills it.
        form.user_id = self.env["res.users"]
        form.service_id = self.waste
        self.assertFalse(form.user_id)
        form.service_id = self.repairs
        self.assertEqual(form.user_id, self.handler)
        complaint = form.save()
        self.assertEqual(complaint.user_id, self.handler)

    def test_import_by_load(self):
        """base_import's ``load``: rows without a handler get the rule, a
        row naming one keeps it."""
        Complaint = self.env["chp.complaint"]
        result = Complaint.load(
            ["subject", "service_id/.id", "user_id/.id"],
            [
                ["Imported repair", str(self.repairs.id), ""],
                ["Imported bins", str(self.waste.id), ""],
                ["Imported named", str(self.repairs.id), str(self.outsider.id)],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        repair, bins, named = Complaint.browse(result["ids"])
        self.assertEqual(repair.user_id, self.handler)
        self.assertFalse(bins.user_id)
        self.assertEqual(named.user_id, self.outsider)

    def test_imported_closed_history_keeps_no_handler(self):
        """A complaint created closed (the history import) is no work to
        route: it keeps the empty handler it was given."""
        from ..tools.transition import creating

        with creating(self.env, "chp.complaint"):
            closed = self.env["chp.complaint"].create(
                {
                    "subject": "Old",
                    "service_id": self.repairs.id,
                    "user_id": False,
                    "stage_id": self.stage_closed.id,
                    "date_received": "2024-01-10 10:00:00",
                    "stage1_outcome": "upheld",
                    "stage1_date_closed": "2024-01-12",
                }
            )
        self.assertFalse(closed.user_id)

    def test_email_to_a_service_alias(self):
        """The mail gateway: the alias's defaults name the service, the
        complaint gets its handler; without a service it stays unassigned."""
        self.company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "council.example"}
        )
        self.company.chp_alias_name = "complaints"
        alias = self.company.chp_alias_id
        raw = NEW_EMAIL.format(
            name="Pat Resident", sender="pat@example.org", subject="Pothole", msgid="triage1"
        )
        Thread = self.env["mail.thread"]
        unrouted = self.env["chp.complaint"].browse(Thread.message_process(None, raw))
        self.assertEqual(unrouted.channel, "email")
        self.assertFalse(unrouted.user_id)
        alias.alias_defaults = repr({"service_id": self.repairs.id})
        raw = raw.replace("triage1@", "triage2@")
        routed = self.env["chp.complaint"].browse(Thread.message_process(None, raw))
        self.assertNotEqual(routed, unrouted)
        self.assertEqual(routed.service_id, self.repairs)
        self.assertEqual(routed.user_id, self.handler)


@tagged("post_install", "-at_install")
class TestUnassignedQueue(TriageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiting = cls.env["chp.complaint"].create(
            {"subject": "Waiting", "service_id": cls.waste.id, "user_id": False}
        )
        cls.handled = cls.env["chp.complaint"].create(
            {"subject": "Handled", "service_id": cls.waste.id, "user_id": cls.outsider.id}
        )

    def test_unassigned_filter(self):
        domain = search_filter_domain(self.env, "unassigned")
        scope = [("id", "in", (self.waiting | self.handled).ids)]
        self.assertEqual(self.env["chp.complaint"].search(scope + domain), self.waiting)
        # Closed complaints are not waiting for anyone.
        self.assertIn(("state", "in", ("new", "stage1", "stage2")), domain)

    def test_my_team_filter(self):
        env = self.env(user=self.member)
        domain = search_filter_domain(env, "my_team")
        mine = env["chp.complaint"].create(
            {"subject": "Mine", "service_id": self.waste.id, "user_id": self.member.id}
        )
        scope = [("id", "in", (self.waiting | self.handled | mine).ids)]
        self.assertEqual(env["chp.complaint"].search(scope + domain), self.waiting | mine)
        outsider_env = self.env(user=self.outsider)
        domain = search_filter_domain(outsider_env, "my_team")
        self.assertEqual(outsider_env["chp.complaint"].search(scope + domain), self.handled)

    def test_team_member_sees_and_takes(self):
        Complaint = self.env["chp.complaint"].with_user(self.member)
        self.assertEqual(Complaint.search([("id", "=", self.waiting.id)]), self.waiting)
        self.assertTrue(self.waiting.with_user(self.member).chp_may_take)
        # The team reads the queue; it does not edit it.
        with self.assertRaises(AccessError):
            self.waiting.with_user(self.member).write({"subject": "Changed"})
        self.waiting.with_user(self.member).action_assign_to_me()
        self.assertEqual(self.waiting.user_id, self.member)
        # Now theirs: they work it (the staff rule).
        self.waiting.with_user(self.member).write({"subject": "Bins, Hope Street"})
        # Taken, it leaves the others' queue.
        self.assertFalse(self.waiting.with_user(self.outsider).has_access("read"))

    def test_team_member_does_not_see_handled_or_other_services(self):
        Complaint = self.env["chp.complaint"].with_user(self.member)
        other = self.unassigned(self.env["chp.service"].create({"name": "Parks"}))
        self.assertFalse(Complaint.search([("id", "in", (self.handled | other).ids)]))

    def test_non_member_cannot_take(self):
        with self.assertRaises(AccessError):
            self.waiting.with_user(self.outsider).action_assign_to_me()
        self.assertFalse(self.waiting.user_id)

    def test_reading_is_not_enough_to_take(self):
        """Staff who also read every complaint (SPSO liaison officer) take
        only from their services' teams."""
        reader = role_user(self.env, "chp_triage_reader", "staff")
        reader.groups_id = [(4, self.env.ref("chp_complaints.group_chp_spso_liaison").id)]
        complaint = self.waiting.with_user(reader)
        self.assertTrue(complaint.has_access("read"))
        self.assertFalse(complaint.chp_may_take)
        with self.assertRaises(AccessError) as caught:
            complaint.action_assign_to_me()
        self.assertIn("not in the team", str(caught.exception))
        self.assertFalse(self.waiting.user_id)

    def test_handled_complaint_is_not_taken(self):
        self.handled.message_subscribe(partner_ids=self.member.partner_id.ids)
        with self.assertRaises(UserError) as caught:
            self.handled.with_user(self.member).action_assign_to_me()
        self.assertIn("is already handled by", str(caught.exception))
        self.assertEqual(self.handled.user_id, self.outsider)
        self.assertFalse(self.handled.with_user(self.member).chp_may_take)

    def test_senior_manager_takes_any_unassigned(self):
        other = self.unassigned(self.env["chp.service"].create({"name": "Parks"}))
        self.assertTrue(other.with_user(self.senior).chp_may_take)
        other.with_user(self.senior).action_assign_to_me()
        self.assertEqual(other.user_id, self.senior)


@tagged("post_install", "-at_install")
class TestTriageHttp(JsonRpcMixin, ChpCustomerHttpCase):
    """The public form as an anonymous visitor, and a team member taking
    the complaint over JSON-RPC with their own session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = role_user(cls.env, "chp_triage_http_member", "staff")
        cls.outsider = role_user(cls.env, "chp_triage_http_outsider", "staff")
        cls.handler = role_user(cls.env, "chp_triage_http_handler", "staff")
        cls.service.team_user_ids = [(6, 0, cls.member.ids)]

    def test_public_form_applies_the_rule(self):
        parent = self.env["chp.service"].create(
            {"name": "Environment", "default_user_id": self.handler.id}
        )
        self.service.parent_id = parent
        response = self.submit()
        self.assertEqual(response.status_code, 200, response.text[:500])
        complaint = self.complaints()
        self.assertEqual(complaint.channel, "web")
        self.assertEqual(complaint.user_id, self.handler)

    def test_team_member_sees_and_takes_over_rpc(self):
        response = self.submit()
        self.assertEqual(response.status_code, 200, response.text[:500])
        complaint = self.complaints()
        self.assertFalse(complaint.user_id)

        # A non-member sees nothing, takes nothing, writes nothing.
        self.authenticate(self.outsider.login, self.outsider.login)
        found = self.rpc("chp.complaint", "search", [("id", "=", complaint.id)])
        self.assertEqual(found, [])
        self.assert_rpc_refused(
            self.call_kw("chp.complaint", "action_assign_to_me", [[complaint.id]])
        )
        self.assert_rpc_refused(
            self.call_kw("chp.complaint", "write", [[complaint.id], {"user_id": self.outsider.id}])
        )
        self.assert_rpc_refused(
            self.call_kw("res.partner", "read", [complaint.partner_id.ids], {"fields": ["name"]})
        )
        self.assertFalse(complaint.user_id)

        # The team member sees it in the queue, may not write it directly...
        self.authenticate(self.member.login, self.member.login)
        rows = self.rpc(
            "chp.complaint",
            "search_read",
            [("user_id", "=", False), ("state", "in", ["new", "stage1", "stage2"])],
            fields=["name", "chp_may_take"],
        )
        self.assertEqual(rows, [{"id": complaint.id, "name": complaint.name, "chp_may_take": True}])
        # The customer's contact of a complaint they may take, as for their own.
        [partner] = self.rpc("res.partner", "read", complaint.partner_id.ids, fields=["name"])
        self.assertEqual(partner["name"], "Jean Public")
        self.assert_rpc_refused(
            self.call_kw("chp.complaint", "write", [[complaint.id], {"user_id": self.member.id}])
        )
        # ...and takes it with the button's method.
        self.assert_rpc_ok(self.call_kw("chp.complaint", "action_assign_to_me", [[complaint.id]]))
        self.assertEqual(complaint.user_id, self.member)
        # Taken, the outsider still can't take it from them.
        self.authenticate(self.outsider.login, self.outsider.login)
        self.assert_rpc_refused(
            self.call_kw("chp.complaint", "action_assign_to_me", [[complaint.id]])
        )
        self.assertEqual(complaint.user_id, self.member)
