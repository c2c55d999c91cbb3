"""What a plain save of a complaint may change (the record's integrity).

A complaint's figures (state, dates, outcomes of closed stages, clocks,
sign-off, extension authority, holds, retention marks, the reference) change
only through the steps of the procedure, which write inside
``tools.transition``. Everything else that reaches ``write``/``create`` (the
form's ``web_save``, the status bar, a kanban drag, RPC, ``load``) meets the
checks below, called by the model's one ``write()`` and ``create()``. The
form's XML states the same rules (each field's ``readonly`` is
``_chp_readonly_expression``, held to it by ``tests/test_form_readonly``), so
a user never types what the server refuses.

Every rule here is read from the field's own declaration (``chp_edit=``,
see ``chp_field_policy``): adding a field means giving it a policy, and
nothing else changes.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import roles

# What the chatter and activities write on the record itself (Odoo's fields:
# their declarations are mail's, not ours).
MAIL_FIELDS = frozenset(
    {
        "message_follower_ids",
        "message_ids",
        "website_message_ids",
        "message_main_attachment_id",
        "activity_ids",
    }
)
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

    # --- Classification (from the fields' declarations) ---------------------------
    @property
    def _chp_descriptive_fields(self):
        """Fields that describe the complaint and feed no figure: any user
        who may write the complaint may change them with a plain save (form,
        RPC ``write``/``create``, import), while it is open ("open") or also
        once closed ("always")."""
        return self._chp_fields_with("open", "always")

    @property
    def _chp_open_after_closing_fields(self):
        """Descriptive fields that stay editable once the complaint is closed
        (what we tell the customer, the improvement actions it led to)."""
        return self._chp_fields_with("always")

    @api.model
    def _chp_customer_fields(self):
        """The customer's personal data: editable while open and not anonymised."""
        return self._chp_fields_with("customer")

    @api.model
    def _chp_stage_text_fields(self):
        """{field: closing date of its stage}: the response of a stage."""
        return {
            name: argument
            for name, (kind, argument) in self._chp_policies().items()
            if kind == "until"
        }

    @api.model
    def _chp_spso_fields(self):
        """The SPSO's journey, recorded by the liaison officer (or a complaints
        administrator) once the complaint is referred; the referral itself
        (which places the SPSO hold) is a step."""
        return self._chp_fields_with("spso")

    @api.model
    def _chp_plain_writable_fields(self):
        """Every field a plain save may ever change (subject to the record's
        state): the test of the field contract compares it with ``_fields``."""
        return self._chp_fields_with("open", "always", "customer", "until", "spso", "column") | (
            MAIL_FIELDS
        )

    @api.model
    def _chp_create_only_fields(self):
        """Given once, when the complaint is recorded."""
        return self._chp_fields_with("create")

    @api.model
    def _chp_step_fields(self):
        """Stored fields only a step of the procedure writes (the rest of the
        stored fields are computed from them)."""
        return self._chp_fields_with("step")

    @api.model
    def _chp_refusal(self, fnames, refs):
        hows = []
        for fname in sorted(fnames):
            field = self._fields.get(fname)
            if not field:
                continue
            how = self._chp_how(fname) or (COMPUTED_HOW if field.compute else None)
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
        spso_fields = self._chp_spso_fields()
        after_closing = spso_fields | {"stage_id"} | self._chp_open_after_closing_fields
        if closed and changing - after_closing:
            raise UserError(
                _(
                    "%s is closed: a closed complaint changes only through “Reopen” "
                    "(a senior manager, with a reason).",
                    ", ".join(closed.mapped("name")),
                )
            )
        if changing & spso_fields:
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
        if changing & self._chp_customer_fields():
            anonymised = self.filtered("anonymised")
            if anonymised:
                raise UserError(
                    _(
                        "The personal data of %s were removed: they can't be entered again.",
                        ", ".join(anonymised.mapped("name")),
                    )
                )
        stage_texts = self._chp_stage_text_fields()
        for fname in changing & set(stage_texts):
            done = self.filtered(stage_texts[fname])
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
            {
                name
                for name in self._chp_descriptive_fields - self._chp_open_after_closing_fields
                if self._fields[name].copy
            }
            | self._chp_customer_fields()
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
        allowed = (
            self._chp_plain_writable_fields() | self._chp_create_only_fields()
        ) - self._chp_spso_fields()
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
        ``_chp_check_plain_write``, as a client-side expression (None: the
        view's own attribute stands). Every form view of the complaint
        writes it on each of its fields (``views/chp_complaint_views.xml``
        and the views inheriting it), and hides its header buttons with
        ``or chp_spso_only_user`` (but the SPSO's own); the conditions read
        ``state``, ``anonymised``, the stages' closing dates,
        ``spso_referred``, ``chp_may_edit_spso`` and ``chp_spso_only_user``,
        which every form holds. ``tests/test_form_readonly`` fails where the
        XML says otherwise."""
        if fname in MAIL_FIELDS:
            return None
        kind, argument = self._chp_edit_policy(fname)
        return {
            "column": None,
            "always": "chp_spso_only_user",
            "create": "id",
            "customer": "state == 'closed' or anonymised or chp_spso_only_user",
            "until": f"state == 'closed' or {argument} or chp_spso_only_user",
            "spso": "not chp_may_edit_spso or not spso_referred",
            "open": "state == 'closed' or chp_spso_only_user",
        }.get(kind, "1")
