from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.roles import ADMIN, check_role


class ChpProcedureSettings(models.TransientModel):
    """The procedure settings of the current company, for the complaints
    administrator: the suite's one settings screen.

    Odoo's settings page (``res.config.settings``) only saves for system
    administrators, yet the MCHP gives timescales and the calendar to the
    complaints administrator, who has no Odoo admin rights.

    Each setting is declared once, on ``res.company``, and shown here as an
    explicit related field that the addon owning it declares (the learning
    and reporting addons add theirs by inheriting this model), as Odoo's
    ``res.config.settings`` does: a company field no addon declares here
    can't be written through this screen. Saving the form (``create``/``write``, which
    the web client calls before any button) checks the complaints
    administrator group and the company, then writes the changed settings to
    the company as superuser: nothing else of the company, and no right on
    ``res.company`` for the administrator.
    """

    _name = "chp.procedure.settings"
    _description = "Complaints procedure settings"

    def _compute_display_name(self):
        """The breadcrumb and dialogs say what the screen is."""
        for settings in self:
            settings.display_name = _("Procedure settings: %s", settings.company_id.name)

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    holiday_year = fields.Integer(
        string="Bank holidays of year",
        default=lambda self: fields.Date.context_today(self).year,
        help="Year whose Scottish bank holidays the button loads into the calendar.",
    )
    holidays_loaded = fields.Char(
        string="Holidays in the calendar",
        compute="_compute_holidays_loaded",
        help="Days off (bank holidays and closures) of the complaints calendar, by year.",
    )

    @api.depends("company_id")
    def _compute_holidays_loaded(self):
        """What the clocks skip, by year: "2026: 9 days, 2027: 9 days"."""
        for settings in self:
            calendar = settings.company_id.sudo()._chp_calendar()
            days = calendar._chp_working_rules()[1] if calendar else ()
            years = Counter(day.year for day in days)
            # self.env._: a generator's frame has no self for _() to find
            # the language in
            settings.holidays_loaded = ", ".join(
                self.env._("%(year)s: %(count)s days", year=year, count=count)
                for year, count in sorted(years.items())
            ) or _("None yet: load the bank holidays of each year.")

    # --- the company's settings, mirrored -------------------------------------------
    # Each setting is a field of the company; each addon declares here, as
    # a related field, the ones it owns and its view places (Odoo's own
    # res.config.settings does the same). Nothing else of the company can
    # be written through this screen.
    chp_organisation_type = fields.Selection(
        related="company_id.chp_organisation_type", readonly=False
    )
    chp_stage1_days = fields.Integer(related="company_id.chp_stage1_days", readonly=False)
    chp_stage1_extension_max = fields.Integer(
        related="company_id.chp_stage1_extension_max", readonly=False
    )
    chp_stage2_ack_days = fields.Integer(related="company_id.chp_stage2_ack_days", readonly=False)
    chp_stage2_days = fields.Integer(related="company_id.chp_stage2_days", readonly=False)
    chp_calendar_id = fields.Many2one(related="company_id.chp_calendar_id", readonly=False)
    chp_require_breakdown = fields.Boolean(
        related="company_id.chp_require_breakdown", readonly=False
    )
    chp_signoff_allow_investigator = fields.Boolean(
        related="company_id.chp_signoff_allow_investigator", readonly=False
    )
    chp_retention_years = fields.Integer(related="company_id.chp_retention_years", readonly=False)
    chp_retention_action = fields.Selection(
        related="company_id.chp_retention_action", readonly=False
    )
    chp_training_induction_days = fields.Integer(
        related="company_id.chp_training_induction_days", readonly=False
    )
    chp_training_refresher_months = fields.Integer(
        related="company_id.chp_training_refresher_months", readonly=False
    )
    chp_alias_name = fields.Char(related="company_id.chp_alias_name", readonly=False)
    chp_portal_hide_staff_names = fields.Boolean(
        related="company_id.chp_portal_hide_staff_names", readonly=False
    )
    chp_spso_signposting = fields.Text(related="company_id.chp_spso_signposting", readonly=False)
    chp_privacy_notice = fields.Text(related="company_id.chp_privacy_notice", readonly=False)
    chp_privacy_notice_url = fields.Char(
        related="company_id.chp_privacy_notice_url", readonly=False
    )
    chp_survey_enabled = fields.Boolean(related="company_id.chp_survey_enabled", readonly=False)
    chp_survey_id = fields.Many2one(related="company_id.chp_survey_id", readonly=False)
    chp_survey_delay_days = fields.Integer(
        related="company_id.chp_survey_delay_days", readonly=False
    )

    @api.model
    def _chp_setting_names(self):
        """The company settings this screen edits."""
        return [
            name for name, field in self._fields.items() if field.related == f"company_id.{name}"
        ]

    # --- saving -------------------------------------------------------------------------
    @api.model
    def _check_admin(self):
        check_role(self.env, ADMIN, _("change the procedure settings"))

    @api.model
    def default_get(self, fields_list):
        self._check_admin()
        return super().default_get(fields_list)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_admin()
        names = set(self._chp_setting_names())
        settings = [{k: v for k, v in vals.items() if k in names} for vals in vals_list]
        records = super().create(
            [{k: v for k, v in vals.items() if k not in names} for vals in vals_list]
        )
        for record, values in zip(records, settings, strict=True):
            record._chp_write_company(values)
        return records

    def write(self, vals):
        names = set(self._chp_setting_names())
        settings = {k: v for k, v in vals.items() if k in names}
        others = {k: v for k, v in vals.items() if k not in names}
        result = super().write(others) if others else True
        for record in self:
            record._chp_write_company(settings)
        return result

    def _chp_write_company(self, values):
        """Write the settings among ``values`` that differ from the company's
        to the company, as superuser, once the user may."""
        self.ensure_one()
        self._check_admin()
        if self.company_id not in self.env.companies:
            raise AccessError(_("You can only change the settings of your own companies."))
        company = self.company_id.sudo()
        changed = {
            name: value
            for name, value in values.items()
            if company._fields[name].convert_to_write(company[name], company) != value
        }
        if changed:
            company.write(changed)
        return changed

    @api.model
    def action_chp_open(self):
        """The screen, opened on a saved record of the current company, so
        that the breadcrumb names it ("Procedure settings: <company>") and
        not "New". Creating it checks the complaints administrator role."""
        settings = self.create({})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "chp_complaints.chp_procedure_settings_action"
        )
        action["res_id"] = settings.id
        return action

    def action_save(self):
        """The form's Save button: the web client saved the record (and so
        the company's settings) before calling it."""
        self.ensure_one()
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
                "next": self.action_chp_open(),
            },
        }

    # --- English (UK) dates ----------------------------------------------------------
    en_gb_active = fields.Boolean(
        string="English (UK) available",
        compute="_compute_en_gb_active",
        help="Whether users can choose English (UK) in their preferences: dates read dd/mm/yyyy.",
    )

    def _compute_en_gb_active(self):
        active = bool(self.env["res.lang"].sudo()._lang_get("en_GB").active)
        for settings in self:
            settings.en_gb_active = active

    def action_activate_en_gb(self):
        """Make English (UK) available to the users (installing the suite
        activates no language of its own accord): each user then chooses it
        in their preferences; nobody's language is changed."""
        self.ensure_one()
        self._check_admin()
        self.env["res.lang"].sudo()._activate_lang("en_GB")
        return self._notify_and_reopen(
            _("English (UK) available"),
            _("Users can now choose English (UK) in their preferences: dates read dd/mm/yyyy."),
        )

    # --- the calendar ---------------------------------------------------------------
    def action_load_bank_holidays(self):
        """Load Scotland's bank holidays of the chosen year into the
        complaints calendar and refresh the clocks of open complaints."""
        self.ensure_one()
        self._check_admin()
        company = self.company_id.sudo()
        calendar = company._chp_calendar()
        if not calendar:
            raise UserError(_("Choose a complaints calendar first."))
        leaves = calendar.chp_load_scottish_holidays(self.holiday_year)
        self.env["chp.complaint"].sudo()._chp_recompute_open_clocks(company)
        if leaves:
            message = _(
                "%(count)s bank holidays of %(year)s added to %(calendar)s: %(days)s.",
                count=len(leaves),
                year=self.holiday_year,
                calendar=calendar.display_name,
                days=", ".join(leaves.mapped("name")),
            )
        else:
            message = _(
                "The bank holidays of %(year)s were already in %(calendar)s: nothing added.",
                year=self.holiday_year,
                calendar=calendar.display_name,
            )
        return self._notify_and_reopen(_("Bank holidays loaded"), message)
