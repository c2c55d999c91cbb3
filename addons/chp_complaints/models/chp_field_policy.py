from odoo import api, models, tools

# What a plain save (the form's web_save, RPC write/create, import) may do
# with a field, declared on the field itself as ``chp_edit=``:
#   "open"      describes the record; editable while it is open
#   "always"    editable also once closed (what follows the response)
#   "customer"  the customer's personal data: while open and not anonymised
#   "until:F"   the response of a stage: until the closing date F is set
#   "spso"      the SPSO's journey: the liaison officer, once referred
#   "create"    given once, when the record is created
#   "column"    the kanban column: a move runs the step it stands for
#   "step"      only a step of the procedure writes it; ``chp_how=_lt(...)``
#               says which, in the words of the refusal ("use “Extend”")
# and, as ``chp_personal=``, what anonymisation does with it:
#   "erase"     emptied
#   "mask"      replaced by a marker when it holds anything
#   "keep"      kept (a text that names no one: a reference, a reason code);
#               every stored text field says one of the three on purpose
EDIT_POLICIES = ("open", "always", "customer", "until", "spso", "create", "column", "step")
PERSONAL_POLICIES = ("erase", "mask", "keep")


class ChpFieldPolicyMixin(models.AbstractModel):
    """Fields that say their own edit rule where they are declared (as
    mail's ``tracking=`` does): the write checks, the refusal messages, the
    read-only state of the form, the anonymisation and the field contract
    test all read these declarations, never a list kept elsewhere."""

    _name = "chp.field.policy.mixin"
    _description = "Edit rules declared on the fields"

    def _valid_field_parameter(self, field, name):
        return name in ("chp_edit", "chp_how", "chp_personal") or super()._valid_field_parameter(
            field, name
        )

    @api.model
    @tools.ormcache()
    def _chp_policies(self):
        """{field name: (policy, argument)} of the fields that declare one,
        e.g. {"stage1_action": ("until", "stage1_date_closed")}; a step's
        argument is its ``chp_how`` (translated when read). Read once per
        registry (fields do not change while it runs)."""
        policies = {}
        for name, field in self._fields.items():
            policy = getattr(field, "chp_edit", None)
            if policy:
                kind, _sep, argument = policy.partition(":")
                policies[name] = (kind, argument or getattr(field, "chp_how", None))
        return policies

    @api.model
    def _chp_how(self, fname):
        """What the refusal of ``fname`` tells the user to do, in their
        language (its ``chp_how``), or None."""
        how = getattr(self._fields.get(fname), "chp_how", None)
        return str(how) if how else None

    @api.model
    def _chp_edit_policy(self, fname):
        """(policy, argument) of ``fname``; (None, None) without one."""
        return self._chp_policies().get(fname, (None, None))

    @api.model
    @tools.ormcache("kinds")
    def _chp_fields_with(self, *kinds):
        """The names of the fields whose edit policy is one of ``kinds``
        (cached: every plain write asks several times)."""
        return frozenset(
            name for name, (kind, _arg) in self._chp_policies().items() if kind in kinds
        )

    @api.model
    def _chp_personal_fields(self, kind):
        """The names of the fields anonymisation treats as ``kind`` (erase or
        mask), in the order of their declaration."""
        return [
            name
            for name, field in self._fields.items()
            if getattr(field, "chp_personal", None) == kind
        ]
