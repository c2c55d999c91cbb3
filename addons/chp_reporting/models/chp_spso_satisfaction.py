from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from .chp_spso_indicator import pct

SURVEY_STAGES = ("stage1", "stage2")


class ChpSpsoSatisfaction(models.AbstractModel):
    """Indicator 2, complaint process experience: the satisfaction survey
    answers linked to complaints (``survey.user_input.chp_complaint_id`` and
    ``chp_stage``), aggregated in SQL.

    - ``sent``: surveys sent in the period (``chp_sent_on``);
    - ``responses``: surveys completed in the period (the period in which
      the answers were given), whenever they were sent — so the response
      rate of a period may exceed 100% at its edges;
    - per question: ``responses`` answering it, ``satisfied`` choosing an
      answer marked "counts as satisfied", ``satisfied_pct``.

    The same figures per stage (``stages``: stage 1, stage 2) and in total.
    Days are those of the company's complaints calendar timezone."""

    _inherit = "chp.spso.indicator"

    @api.model
    def _satisfaction_figures(
        self, date_from, date_to, company, service_ids, contractor_ids, filters=()
    ):
        tz = company._chp_calendar().tz or "UTC"
        clauses = [SQL("c.company_id = %s", company.id)]
        if service_ids is not None:
            clauses.append(SQL("c.service_id = ANY(%s)", list(service_ids)))
        if contractor_ids is not None:
            clauses.append(SQL("c.contractor_id = ANY(%s)", list(contractor_ids)))
        clauses.extend(filters)
        complaints = SQL(" AND ").join(clauses)

        def day(column):
            return SQL("(timezone(%s, timezone('UTC', %s)))::date", tz, column)

        sent_cond = SQL("ui.chp_sent_on BETWEEN %s AND %s", date_from, date_to)
        done_cond = SQL(
            "(ui.state = 'done' AND %s BETWEEN %s AND %s)",
            day(SQL("ui.end_datetime")),
            date_from,
            date_to,
        )
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT ui.chp_stage, GROUPING(ui.chp_stage) AS all_stages,"
                " COUNT(*) FILTER (WHERE %(sent)s), COUNT(*) FILTER (WHERE %(done)s)"
                " FROM survey_user_input ui JOIN chp_complaint c ON c.id = ui.chp_complaint_id"
                " WHERE %(complaints)s AND ui.test_entry IS NOT TRUE AND (%(sent)s OR %(done)s)"
                " GROUP BY GROUPING SETS ((ui.chp_stage), ())",
                sent=sent_cond,
                done=done_cond,
                complaints=complaints,
            )
        )
        counts = {
            ("total" if all_stages else stage): (sent, done)
            for stage, all_stages, sent, done in cr.fetchall()
        }
        cr.execute(
            SQL(
                "SELECT ui.chp_stage, GROUPING(ui.chp_stage) AS all_stages, l.question_id,"
                " COUNT(DISTINCT ui.id),"
                " COUNT(DISTINCT ui.id) FILTER (WHERE a.chp_satisfied)"
                " FROM survey_user_input_line l"
                " JOIN survey_user_input ui ON ui.id = l.user_input_id"
                " JOIN chp_complaint c ON c.id = ui.chp_complaint_id"
                " JOIN survey_question_answer a ON a.id = l.suggested_answer_id"
                " WHERE %(complaints)s AND ui.test_entry IS NOT TRUE AND %(done)s"
                " AND l.skipped IS NOT TRUE"
                " GROUP BY GROUPING SETS ((ui.chp_stage, l.question_id), (l.question_id))",
                complaints=complaints,
                done=done_cond,
            )
        )
        by_question = defaultdict(dict)
        for stage, all_stages, question_id, responses, satisfied in cr.fetchall():
            by_question["total" if all_stages else stage][question_id] = (responses, satisfied)
        question_ids = {qid for rows in by_question.values() for qid in rows}
        questions = (
            self.env["survey.question"]
            .sudo()
            .browse(question_ids)
            .sorted(lambda q: (q.survey_id.id, q.sequence, q.id))
        )

        def block(key):
            sent, responses = counts.get(key, (0, 0))
            rows = by_question.get(key, {})
            return {
                "sent": sent,
                "responses": responses,
                "response_rate": pct(responses, sent),
                "questions": [
                    {
                        "question": question.title,
                        "responses": rows[question.id][0],
                        "satisfied": rows[question.id][1],
                        "satisfied_pct": pct(rows[question.id][1], rows[question.id][0]),
                    }
                    for question in questions
                    if question.id in rows
                ],
            }

        figures = block("total")
        figures["stages"] = {stage: block(stage) for stage in SURVEY_STAGES}
        return figures
