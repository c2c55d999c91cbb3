from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.res_company import RETENTION_ACTIONS

ADMIN_GROUP = "chp_complaints.group_chp_admin"


class ChpProcedureSettings(models.TransientModel):
    """The procedure settings of the current company, for the complaints
    administrator.

    Odoo's settings page (``res.config.settings``) only saves for system
    administrators, yet the MCHP gives timescales and the calendar to the
    complaints administrator, who has no Odoo admin rights. This form loads
    the company's ``chp_*`` settings and, on Save, checks the complaints
    administrator group and writes them to the company as superuser: only
    the fields declared here whose name starts with ``chp_`` and exists on
    ``res.company`` are written, nothing else of the company. Higher addons
    add their settings by declaring fields of the same name here.
    """

    _name = "chp.procedure.settings"
    _description = "Complaints procedure settings"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    chp_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Complaints calendar",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="Working days and public holidays of every complaint clock. "
        "Empty: the company's working hours.",
    )
    chp_stage1_days = fields.Integer(string="Stage 1 response (working days)")
    chp_stage1_extension_max = fields.Integer(
        string="Stage 1 extension at most (working days)",
        help="Most working days a stage 1 extension may add to the standard deadline.",
    )
    chp_stage2_ack_days = fields.Integer(string="Stage 2 acknowledgement (working days)")
    chp_stage2_days = fields.Integer(string="Stage 2 response (working days)")
    chp_signoff_allow_investigator = fields.Boolean(
        string="Investigator may sign off",
        help="Allow a senior manager to sign off a stage 2 response they investigated.",
    )
    chp_require_breakdown = fields.Boolean(
        string="Service and root cause required to close",
        help="Closing a stage (Close stage 1, Escalate, Sign off and close) needs the "
        "complaint's service and root cause, so that no figure of the service and cause "
        'breakdowns falls into "none".',
    )
    chp_retention_years = fields.Integer(
        string="Keep personal data for (years)",
        help="Years after a complaint is closed (or after the SPSO's decision) before "
        "its personal data are removed.",
    )
    chp_retention_action = fields.Selection(
        RETENTION_ACTIONS, string="When the retention period ends", required=True
    )
    chp_training_induction_days = fields.Integer(
        string="Induction due within (days)",
        help="A new internal user gets a CHP induction record due this many days after "
        "their account is created.",
    )
    chp_training_refresher_months = fields.Integer(
        string="Refresher interval (months)",
        help="Training counts as current for this many months after completion.",
    )
    holiday_year = fields.Integer(
        string="Bank holidays of year",
        default=lambda self: fields.Date.context_today(self).year,
        help="Year whose Scottish bank holidays the button loads into the calendar.",
    )

    # --- loading and saving -----------------------------------------------------
    def _chp_setting_names(self):
        """The company settings this form edits: its ``chp_*`` fields that
        are also fields of ``res.company``."""
        company_fields = self.env["res.company"]._fields
        return [name for name in self._fields if name.startswith("chp_") and name in company_fields]

    @api.model
    def default_get(self, fields_list):
        self._check_admin()
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        company = company.sudo()
        for name in self._chp_setting_names():
            if name not in fields_list:
                continue
            value = company[name]
            values[name] = value.id if isinstance(value, models.BaseModel) else value
        return values

    @api.model
    def _check_admin(self):
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                _("Only a complaints administrator can change the procedure settings.")
            )

    def _company_values(self):
        self.ensure_one()
        values = {}
        for name in self._chp_setting_names():
            value = self[name]
            values[name] = value.id if isinstance(value, models.BaseModel) else value
        return values

    def _save(self):
        """Write the settings to the company (as superuser, after checking
        the complaints administrator group and the company)."""
        self.ensure_one()
        self._check_admin()
        if self.company_id not in self.env.companies:
            raise AccessError(_("You can only change the settings of your own companies."))
        company = self.company_id.sudo()
        changed = {
            name: value
            for name, value in self._company_values().items()
            if company._fields[name].convert_to_write(company[name], company) != value
        }
        if changed:
            company.write(changed)
        return changed

    def action_save(self):
        self._save()
        return self._notify_and_reopen(
            _("Procedure settings saved"),
            _("The settings of %s are saved.", self.company_id.name),
        )

    def _notify_and_reopen(self, title, message):
        """A success notification, then the settings form afresh."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": "success",
                "next": self.env["ir.actions.act_window"]._for_xml_id(
                    "chp_complaints.chp_procedure_settings_action"
                ),
            },
        }

    # --- the calendar ---------------------------------------------------------------
    def _calendar(self):
        return self.chp_calendar_id or self.company_id.sudo().resource_calendar_id

    def action_load_bank_holidays(self):
        """Save, then load Scotland's bank holidays of the chosen year into the
        complaints calendar and refresh the clocks of open complaints."""
        self.ensure_one()
        self._save()
        calendar = self._calendar()
        if not calendar:
            raise UserError(_("Choose a complaints calendar first."))
        leaves = calendar.sudo().chp_load_scottish_holidays(self.holiday_year)
        self.env["chp.complaint"].sudo()._chp_recompute_open_clocks(self.company_id)
        return self._notify_and_reopen(
            _("Bank holidays loaded"),
            _(
                "%(count)s bank holidays of %(year)s added to %(calendar)s.",
                count=len(leaves),
                year=self.holiday_year,
                calendar=calendar.display_name,
            ),
        )
