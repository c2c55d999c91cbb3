"""What a plain save of a complaint may change (the record's integrity).

A complaint's figures (state, dates, outcomes of closed stages, clocks,
sign-off, extension authority, holds, retention marks, the reference) change
only through the steps of the procedure, which write inside
``tools.transition``. Everything else that reaches ``write``/``create`` (the
form's ``web_save``, the status bar, a kanban drag, RPC, ``load``) meets the
checks below, called by the model's one ``write()`` and ``create()``. The
form mirrors the same rules (``_get_view`` makes every field read-only that
the model would refuse), so a user never types what the server refuses.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import roles

# Personal data of the customer: editable while the complaint is open and
# not anonymised.
CUSTOMER_FIELDS = frozenset(
    {
        "is_anonymous",
        "partner_id",
        "customer_name",
        "customer_email",
        "customer_phone",
        "customer_address",
        "on_behalf_of",
        "on_behalf_consent",
    }
)
# The response of a stage: editable until that stage closes.
STAGE_TEXT_FIELDS = {
    "stage1_action": "stage1_date_closed",
    "stage1_outcome": "stage1_date_closed",
    "stage2_action": "stage2_date_closed",
    "stage2_outcome": "stage2_date_closed",
}
# The SPSO's journey, recorded by the SPSO liaison officer (or a complaints
# administrator) once the complaint is referred. The referral itself (which
# places the SPSO hold) is a step: "Refer to the SPSO".
SPSO_FIELDS = frozenset(
    {
        "spso_reference",
        "spso_outcome",
        "spso_decision_date",
        "spso_recommendations",
        "spso_recommendations_implemented",
    }
)
# What the chatter and activities write on the record itself.
MAIL_FIELDS = frozenset(
    {
        "message_follower_ids",
        "message_ids",
        "website_message_ids",
        "message_main_attachment_id",
        "activity_ids",
    }
)
# Given once, when the complaint is recorded.
CREATE_ONLY_FIELDS = frozenset({"company_id", "date_received"})
# Descriptive fields of the first complaint's handling rather than of its
# matter: "Duplicate" leaves them behind.
NOT_DUPLICATED_FIELDS = frozenset({"investigator_id", "remedial_action"})

# Fields only a step of the procedure writes, and the step that does.
STEP_FIELDS = {
    "name": "references come from the company's sequence and never change",
    "state": "use the buttons or move the card to another column",
    "stage2_route": "use “Escalate” or “Stage 2 directly”",
    "stage1_date_closed": "use “Close stage 1” (a complaints administrator corrects a "
    "wrong date with “Correct dates”)",
    "stage2_date_start": "use “Escalate” or “Stage 2 directly” (a complaints administrator "
    "corrects a wrong date with “Correct dates”)",
    "stage2_ack_date": "use “Acknowledge” (a complaints administrator corrects a wrong date "
    "with “Correct dates”)",
    "stage2_date_closed": "use “Sign off and close” (a complaints administrator corrects a "
    "wrong date with “Correct dates”)",
    "signoff_user_id": "use “Sign off and close”",
    "signoff_date": "use “Sign off and close”",
    "stage1_extended_deadline": "use “Extend”",
    "stage1_extension_reason": "use “Extend”",
    "stage1_extension_user_id": "use “Extend”",
    "stage1_extension_customer_told": "use “Extend”",
    "stage2_extended_deadline": "use “Extend”",
    "stage2_extension_reason": "use “Extend”",
    "stage2_extension_user_id": "use “Extend”",
    "stage2_extension_customer_agreed": "use “Extend”",
    "stage2_declined_date": "use “Decline to investigate”",
    "stage2_declined_reason": "use “Decline to investigate”",
    "stage2_declined_user_id": "use “Decline to investigate”",
    "spso_referred": "use “Refer to the SPSO” or “Withdraw SPSO referral”",
    "spso_date_referred": "use “Refer to the SPSO”",
    "overdue_notified": "the daily overdue check sets it",
    "retention_hold": "use “Place on hold” or “Lift hold”",
    "retention_hold_reason": "use “Place on hold”",
    "retention_hold_user_id": "use “Place on hold”",
    "retention_hold_date": "use “Place on hold”",
    "anonymised": "only the retention run or a subject access request anonymises",
    "anonymised_date": "only the retention run or a subject access request anonymises",
    "anonymised_reason": "only the retention run or a subject access request anonymises",
}
COMPUTED_HOW = "it is computed from the complaint's dates: change them with the buttons"


class ChpComplaintIntegrity(models.Model):
    _inherit = "chp.complaint"

    chp_may_edit_spso = fields.Boolean(
        string="May record the SPSO outcome",
        compute="_compute_chp_may_edit_spso",
        help="The current user may record the SPSO's journey (SPSO liaison officer or "
        "complaints administrator).",
    )

    @api.depends_context("uid")
    def _compute_chp_may_edit_spso(self):
        self.chp_may_edit_spso = roles.has_role(self.env, roles.LIAISON, roles.ADMIN)

    # --- Classification -------------------------------------------------------
    @api.model
    def _chp_plain_writable_fields(self):
        """Every field a plain save may ever change (subject to the record's
        state): the test of the field contract compares it with ``_fields``."""
        return (
            set(self._chp_descriptive_fields)
            | CUSTOMER_FIELDS
            | set(STAGE_TEXT_FIELDS)
            | SPSO_FIELDS
            | MAIL_FIELDS
            | {"stage_id"}
        )

    @property
    def _chp_open_after_closing_fields(self):
        """Descriptive fields that stay editable once the complaint is closed
        (e.g. the improvement actions it led to: learning comes after the
        response). A module extends this on purpose (call super)."""
        return set()

    @api.model
    def _chp_create_only_fields(self):
        """Given once, when the complaint is recorded."""
        return set(CREATE_ONLY_FIELDS)

    @api.model
    def _chp_step_fields(self):
        """Stored fields only a step of the procedure writes (the rest of the
        stored fields are computed from them)."""
        return set(STEP_FIELDS)

    @api.model
    def _chp_refusal(self, fnames, refs):
        hows = []
        for fname in sorted(fnames):
            field = self._fields.get(fname)
            if not field:
                continue
            how = STEP_FIELDS.get(fname) or (COMPUTED_HOW if field.compute else None)
            how = how or _("it is not one of the fields an edit may change")
            hows.append(f"{field.string}: {how}")
        return UserError(
            _(
                "%(refs)s: these can't be changed by editing the complaint.\n%(hows)s",
                refs=refs,
                hows="\n".join(hows),
            )
        )

    # --- Checks called by write() and create() ----------------------------------
    def _chp_check_plain_write(self, vals):
        """Refuse what a plain save may not change on these complaints."""
        if not self:
            return
        refs = ", ".join(self.mapped("name"))
        allowed = self._chp_plain_writable_fields()
        refused = [f for f in vals if f in self._fields and f not in allowed]
        if refused:
            raise self._chp_refusal(refused, refs)
        self._chp_check_liaison_write(vals)
        changing = set(vals) - MAIL_FIELDS
        if not changing:
            return
        closed = self.filtered(lambda c: c.state == "closed")
        after_closing = SPSO_FIELDS | {"stage_id"} | self._chp_open_after_closing_fields
        if closed and changing - after_closing:
            raise UserError(
                _(
                    "%s is closed: a closed complaint changes only through “Reopen” "
                    "(a senior manager, with a reason).",
                    ", ".join(closed.mapped("name")),
                )
            )
        if changing & SPSO_FIELDS:
            roles.check_role(
                self.env, (roles.LIAISON, roles.ADMIN), _("record the SPSO's decision")
            )
            not_referred = self.filtered(lambda c: not c.spso_referred)
            if not_referred:
                raise UserError(
                    _(
                        "%s has not been referred to the SPSO: use “Refer to the SPSO” first.",
                        ", ".join(not_referred.mapped("name")),
                    )
                )
        if changing & CUSTOMER_FIELDS:
            anonymised = self.filtered("anonymised")
            if anonymised:
                raise UserError(
                    _(
                        "The personal data of %s were removed: they can't be entered again.",
                        ", ".join(anonymised.mapped("name")),
                    )
                )
        for fname in changing & set(STAGE_TEXT_FIELDS):
            done = self.filtered(STAGE_TEXT_FIELDS[fname])
            if done:
                raise UserError(
                    _(
                        "%(refs)s: the %(field)s of a closed stage can't change; a senior "
                        "manager can reopen the complaint.",
                        refs=", ".join(done.mapped("name")),
                        field=self._fields[fname].string,
                    )
                )

    def copy_data(self, default=None):
        """Duplicate gives a new complaint about the same matter: its
        descriptive fields (but the handling's own, and links made after
        closing) and the customer's contact are copied, with whatever
        ``default`` gives; it is received now, starts in New and gets a new
        reference, as any complaint a user records (closed ones included)."""
        default = dict(default or {})
        vals_list = super().copy_data(default)
        keep = (
            (
                (set(self._chp_descriptive_fields) - self._chp_open_after_closing_fields)
                - NOT_DUPLICATED_FIELDS
            )
            | CUSTOMER_FIELDS
            | {"company_id"}
            | set(default)
        )
        return [{k: v for k, v in vals.items() if k in keep} for vals in vals_list]

    @api.model
    def _chp_check_plain_create(self, vals_list):
        """A new complaint starts in New, stage 1 or direct stage 2, received
        now or in the past, numbered by the sequence. History (past closures,
        outcomes of closed stages, extensions) enters only through the import
        wizard."""
        allowed = (self._chp_plain_writable_fields() | CREATE_ONLY_FIELDS) - SPSO_FIELDS
        defaults = {
            key[len("default_") :]
            for key in self.env.context
            if key.startswith("default_") and key[len("default_") :] in self._fields
        }
        refused = {f for f in defaults if f not in allowed and f != "name"}
        today = fields.Date.context_today(self)
        Stage = self.env["chp.complaint.stage"]
        for vals in vals_list:
            refused |= {f for f in vals if f in self._fields and f not in allowed}
            if vals.get("name", "/") != "/":
                refused.add("name")
            if "name" in defaults and self.env.context["default_name"] not in (False, "/"):
                refused.add("name")
            received = vals.get("date_received")
            if received and fields.Datetime.to_datetime(received).date() > today:
                raise UserError(
                    _(
                        "A complaint can't be received in the future (%s): record it on the "
                        "day it arrives.",
                        received,
                    )
                )
            stage = Stage.browse(vals.get("stage_id") or self.env.context.get("default_stage_id"))
            if stage and stage.state == "closed":
                raise UserError(
                    _(
                        "A new complaint starts in New, stage 1 or stage 2: close it "
                        "afterwards with “Close stage 1” or “Sign off and close”. Past "
                        "complaints enter through “Import history”."
                    )
                )
        if refused:
            raise self._chp_refusal(refused, _("A new complaint"))

    def _chp_check_plain_unlink(self):
        not_new = self.filtered(lambda c: c.state != "new")
        if not_new:
            raise UserError(
                _(
                    "%s can't be deleted: its handling is part of the complaints figures. Only "
                    "a complaint recorded by mistake, still New, can be deleted; the retention "
                    "policy removes the others' personal data in time.",
                    ", ".join(not_new.mapped("name")),
                )
            )

    # --- The form mirrors the rules -------------------------------------------------
    @api.model
    def _chp_readonly_expression(self, fname):
        """The form's ``readonly`` for ``fname``: the same rules as
        ``_chp_check_plain_write``, as a client-side expression (None: leave
        the view's own attribute)."""
        if fname in MAIL_FIELDS or fname == "stage_id":
            return None
        if fname in self._chp_open_after_closing_fields:
            return "chp_spso_only_user"
        if fname in CREATE_ONLY_FIELDS:
            return "id"
        if fname in CUSTOMER_FIELDS:
            return "state == 'closed' or anonymised or chp_spso_only_user"
        if fname in STAGE_TEXT_FIELDS:
            return f"state == 'closed' or {STAGE_TEXT_FIELDS[fname]} or chp_spso_only_user"
        if fname in SPSO_FIELDS:
            return "not chp_may_edit_spso or not spso_referred"
        if fname in self._chp_descriptive_fields:
            return "state == 'closed' or chp_spso_only_user"
        return "1"

    _CHP_VIEW_FLAGS = (
        "state",
        "anonymised",
        "stage1_date_closed",
        "stage2_date_closed",
        "spso_referred",
        "chp_may_edit_spso",
        "chp_spso_only_user",
    )

    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._chp_form_readonly(arch)
        return arch, view

    @api.model
    def _chp_form_readonly(self, arch):
        """Make every field of the form read-only where the model would
        refuse it, and hide the header buttons from a user who may change
        only the SPSO fields. The arch is the same for every user: the
        conditions are fields of the record."""
        for node in arch.iter("field"):
            name = node.get("name")
            if name not in self._fields or any(
                parent.tag == "field" for parent in node.iterancestors()
            ):
                continue
            expression = self._chp_readonly_expression(name)
            if expression is None:
                continue
            node.set("readonly", expression)
        for button in arch.xpath("//header/button"):
            if "o_chp_spso_button" in (button.get("class") or ""):
                continue
            invisible = button.get("invisible")
            flag = "chp_spso_only_user"
            button.set("invisible", f"({invisible}) or {flag}" if invisible else flag)
        present = {node.get("name") for node in arch.iter("field")}
        sheet = arch.find(".//sheet")
        parent = sheet if sheet is not None else arch
        for flag in self._CHP_VIEW_FLAGS:
            if flag not in present:
                parent.append(parent.makeelement("field", {"name": flag, "invisible": "1"}))
