from odoo import fields, models


class ChpBenchRecord(models.Model):
    """The floor of the creation benchmark: a mail.thread model with as many
    plain fields as bench/seed.py gives a complaint, and no logic at all."""

    _name = "chp.bench.record"
    _description = "Benchmark baseline record"
    _inherit = ["mail.thread"]

    name = fields.Char()
    subject = fields.Char()
    date_received = fields.Datetime()
    channel = fields.Char()
    service_id = fields.Many2one("res.partner")
    user_id = fields.Many2one("res.users")
    root_cause_id = fields.Many2one("res.partner")
    contractor_id = fields.Many2one("res.partner")
    customer_name = fields.Char()
    stage_ref = fields.Integer()
    stage1_action = fields.Text()
    stage1_outcome = fields.Char()
    stage1_date_closed = fields.Date()
    stage2_route = fields.Char()
    stage2_date_start = fields.Date()
    stage2_ack_date = fields.Date()
    stage2_action = fields.Text()
    stage2_outcome = fields.Char()
    stage2_date_closed = fields.Date()
    signoff_user_id = fields.Many2one("res.users")
    extended_deadline = fields.Date()
    extension_reason = fields.Text()
