from odoo import api, models

from ..tools.roles import CONTRACT_MANAGER, STAFF


class ResUsers(models.Model):
    """Each role's home: the action a user lands on after login, set when
    the user gets a role of the suite, unless the user already has a home of
    their own (one that is not a role's home). Contract managers land on
    their contractors, staff on their complaints; chp_reporting adds the
    dashboard for the chief executive and the committee, and the SPSO export
    for the liaison officer (``_chp_home_rules``)."""

    _inherit = "res.users"

    @api.model
    def _chp_home_rules(self):
        """(role group, action xml id), the first role the user holds wins."""
        return [
            (CONTRACT_MANAGER, "chp_complaints.chp_contractor_my_action"),
            (STAFF, "chp_complaints.chp_complaint_my_action"),
        ]

    def _chp_home_action(self):
        self.ensure_one()
        for group, xmlid in self._chp_home_rules():
            if self.has_group(group):
                return self.env.ref(xmlid, raise_if_not_found=False)
        return self.env["ir.actions.actions"]

    @api.model
    def _chp_update_homes(self, users=None):
        """Gives ``users`` the home of their role, leaving alone any home that
        is not a role's home. Without ``users`` (an addon being installed):
        every internal user with a role of the suite but the system
        administrators, whose home is the whole database's (another app's
        screens and tours start there): they get a role's home only when
        someone gives them a role."""
        if users is None:
            users = self.search([("share", "=", False)]).filtered(
                lambda user: not user.has_group("base.group_system")
            )
        homes = {
            action.id
            for _group, xmlid in self._chp_home_rules()
            if (action := self.env.ref(xmlid, raise_if_not_found=False))
        }
        for user in users.sudo():
            if user.share or (user.action_id and user.action_id.id not in homes):
                continue
            home = user._chp_home_action()
            if home.id != user.action_id.id:
                user.with_context(chp_home_update=True).write({"action_id": home.id or False})

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        self._chp_update_homes(users)
        return users

    def write(self, vals):
        res = super().write(vals)
        if not self.env.context.get("chp_home_update") and any(
            key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals
        ):
            self._chp_update_homes(self)
        return res
