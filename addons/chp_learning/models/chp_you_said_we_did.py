from odoo import fields, models, tools


class ChpYouSaidWeDid(models.Model):
    """The published "you said, we did" lines, as a read-only SQL view.

    This is the committee's and the public publication's only way into
    improvement actions: the view holds the public texts, the service, the
    root cause and the dates, and no field that could name a customer, a
    member of staff or a complaint.
    """

    _name = "chp.you.said.we.did"
    _description = "You Said, We Did"
    _auto = False
    _order = "published_on desc, id desc"
    # Flush these before reading the view, so it sees unsaved changes.
    _depends = {
        "chp.improvement.action": [
            "company_id",
            "service_id",
            "root_cause_id",
            "public_you_said",
            "public_we_did",
            "is_published",
            "published_on",
            "stage_id",
        ],
        "chp.improvement.stage": ["state"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    service_id = fields.Many2one("chp.service", readonly=True)
    root_cause_id = fields.Many2one("chp.root.cause", readonly=True, string="Root cause")
    you_said = fields.Text(readonly=True, string="You said")
    we_did = fields.Text(readonly=True, string="We did")
    published_on = fields.Date(readonly=True, string="Published on")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT a.id,
                       a.company_id,
                       a.service_id,
                       a.root_cause_id,
                       a.public_you_said AS you_said,
                       a.public_we_did AS we_did,
                       a.published_on
                  FROM chp_improvement_action a
                  JOIN chp_improvement_stage s ON s.id = a.stage_id
                 WHERE a.is_published
                   AND a.published_on IS NOT NULL
                   AND s.state != 'cancelled'
            )
            """
        )
