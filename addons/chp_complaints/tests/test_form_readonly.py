"""The complaint's forms say, in their XML, the rules the model enforces.

Every field of the complaint declares what a plain save may change
(``chp_edit=``); ``_chp_readonly_expression`` turns that into the form's
``readonly`` condition. The views write it out field by field (no code
rewrites the form at run time), so this test holds them to it: a field put
in a form without its expression, or with another one, fails here, as does
a header button a user who may change only the SPSO fields would see."""

import ast

from lxml import etree

from odoo.tests import TransactionCase, tagged

from .common import role_user

ROLES = (
    "staff",
    "investigator",
    "senior_manager",
    "chief_executive",
    "spso_liaison",
    "contract_manager",
    "admin",
)
FORMS = (
    "chp_complaints.chp_complaint_view_form",
    "chp_complaints.chp_complaint_view_form_quick_create",
)
SPSO_ONLY = "chp_spso_only_user"


def _normalised(expression):
    return " ".join((expression or "").split())


@tagged("post_install", "-at_install")
class TestFormReadonly(TransactionCase):
    def _arch(self, user, xmlid):
        Complaint = self.env["chp.complaint"].with_user(user)
        view = self.env.ref(xmlid)
        return etree.fromstring(Complaint.get_view(view.id, "form")["arch"])

    def test_fields_carry_their_policy(self):
        Complaint = self.env["chp.complaint"]
        for role in ROLES:
            user = role_user(self.env, f"form_ro_{role}", role)
            for xmlid in FORMS:
                arch = self._arch(user, xmlid)
                checked = 0
                for node in arch.iter("field"):
                    name = node.get("name")
                    if name not in Complaint._fields or any(
                        parent.tag == "field" for parent in node.iterancestors()
                    ):
                        continue
                    if node.get("invisible") == "True" and node.get("readonly") == "True":
                        # Odoo's own placeholder for a field the user's groups
                        # don't show (or one the view lacks that the ORM needs).
                        continue
                    expected = Complaint._chp_readonly_expression(name)
                    if expected is None:
                        continue
                    checked += 1
                    with self.subTest(role=role, view=xmlid, field=name):
                        self.assertEqual(
                            _normalised(node.get("readonly")),
                            _normalised(expected),
                            f'{xmlid}: write readonly="{expected}" on field {name} (its '
                            "chp_edit declaration says so)",
                        )
                self.assertTrue(checked, xmlid)

    def test_header_buttons_hidden_from_spso_only_users(self):
        for role in ROLES:
            user = role_user(self.env, f"form_btn_{role}", role)
            arch = self._arch(user, FORMS[0])
            for button in arch.xpath("//header/button"):
                if "o_chp_spso_button" in (button.get("class") or ""):
                    continue
                invisible = button.get("invisible") or ""
                with self.subTest(role=role, button=button.get("name")):
                    tree = ast.parse(invisible, mode="eval").body
                    last = tree.values[-1] if isinstance(tree, ast.BoolOp) else tree
                    self.assertTrue(
                        isinstance(last, ast.Name)
                        and last.id == SPSO_ONLY
                        and (not isinstance(tree, ast.BoolOp) or isinstance(tree.op, ast.Or)),
                        f'header button {button.get("name")}: invisible="{invisible}" must end '
                        f"with 'or {SPSO_ONLY}'",
                    )
