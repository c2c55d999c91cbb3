import calendar

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Months by name for the settings screen; the key is the month's number.
MONTHS = [(str(number), name) for number, name in enumerate(calendar.month_name) if number]

DENOMINATOR_TYPES = [
    ("tenancies", "Tenancies"),
    ("homes", "Homes"),
    ("population", "Population"),
]


class ResCompany(models.Model):
    """Reporting settings of the organisation: the denominator of indicator 4
    (complaints per 1,000) and the day the annual report is built."""

    _inherit = "res.company"

    chp_denominator_type = fields.Selection(
        DENOMINATOR_TYPES,
        string="Complaints per 1,000 of",
        default="tenancies",
        help="What indicator 4 counts complaints against: tenancies or homes for a "
        "landlord, the population served for a public body.",
    )
    chp_denominator_value = fields.Integer(
        string="Number of tenancies / homes / people",
        help="Denominator of indicator 4's 'complaints received per 1,000': complaints "
        "received in the period x 1,000 / this number. Use the figure of your latest "
        "return (e.g. the tenancies or homes in the Annual Return on the Charter, or the "
        "mid-year population estimate of the area served) and say which in 'Source'. "
        "Leave at 0 to leave that figure out of the reports.",
    )
    chp_denominator_source = fields.Char(
        string="Source of the number",
        help="Where the number of tenancies / homes / people comes from and as at when, "
        "shown beside 'received per 1,000' in the reports, e.g. 'Annual Return on the "
        "Charter 2025/26: 2,000 tenancies at 31 March 2026'.",
    )
    chp_annual_report_day = fields.Integer(
        string="Annual report built on day",
        default=1,
        help="Day of the month (1 to 28) on which the annual report of the reporting "
        "year just ended (April to March) is built.",
    )
    # The month by name on the screen ("May", not 5); the key is its number
    # (the integer column of older databases converts on upgrade).
    chp_annual_report_month = fields.Selection(
        MONTHS,
        string="Annual report built in",
        default="5",
        required=True,
        help="Month in which the annual report of the reporting year just ended "
        "(April to March) is built, on the day above; default 1 May.",
    )

    chp_year_end_month = fields.Selection(
        MONTHS,
        string="Reporting year ends in",
        default="3",
        required=True,
        help="The month whose last day ends the reporting year (default March: the year "
        "runs from 1 April to 31 March, as the Annual Return on the Charter and the SPSO's "
        "annual reporting do).",
    )

    chp_few_complaints = fields.Integer(
        string="Few complaints: at most",
        default=2,
        help="A service that received this many complaints or fewer in the period is "
        "listed under 'Services with few or no complaints' in the reports and on the "
        "public page (Part 4: a sign of good practice, or of a barrier to complaining).",
    )
    chp_contact_address = fields.Text(
        string="Address for other formats",
        help="Postal address the public page gives for this report in another format "
        "(large print, braille, paper, audio, another language). Empty: the "
        "organisation's address.",
    )
    chp_contact_phone = fields.Char(
        string="Phone for other formats", help="Empty: the organisation's phone number."
    )
    chp_contact_email = fields.Char(
        string="Email for other formats", help="Empty: the organisation's email address."
    )
    chp_contact_text_relay = fields.Char(
        string="Text relay",
        help="How people who are deaf or have a speech impairment reach you, e.g. "
        "'Relay UK: 18001 0131 496 0000' or a text phone number.",
    )

    def _chp_alternative_format_contacts(self):
        """(label, value, link) of each way to ask for another format: the
        settings above, else the organisation's own address, phone, email."""
        self.ensure_one()
        address = self.chp_contact_address or ", ".join(
            part for part in (self.street, self.street2, self.city, self.zip) if part
        )
        phone = self.chp_contact_phone or self.phone
        email = self.chp_contact_email or self.email
        contacts = [
            ("Address", address, None),
            ("Phone", phone, phone and "tel:" + "".join(phone.split())),
            ("Email", email, email and f"mailto:{email}"),
            ("Text relay", self.chp_contact_text_relay, None),
        ]
        return [contact for contact in contacts if contact[1]]

    @api.constrains(
        "chp_denominator_value",
        "chp_annual_report_day",
        "chp_annual_report_month",
        "chp_few_complaints",
    )
    def _check_chp_reporting_settings(self):
        for company in self:
            if company.chp_few_complaints < 0:
                raise ValidationError(
                    _("The number of complaints counted as 'few' cannot be negative.")
                )
            if company.chp_denominator_value < 0:
                raise ValidationError(
                    _("The number of tenancies, homes or people cannot be negative.")
                )
            if not 1 <= company.chp_annual_report_day <= 28:
                raise ValidationError(
                    _(
                        "The annual report is built on a day from 1 to 28 of the month "
                        "(every month has those days)."
                    )
                )
