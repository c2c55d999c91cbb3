from lxml import etree

from odoo.addons.chp_complaints.models.chp_complaint_stage import OPEN_STATES
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ChpJourneyCase


@tagged("post_install", "-at_install")
class TestKanbanFirstLoad(ChpJourneyCase):
    """The complaints board opens on open complaints, with the index that
    keeps its first load independent of the closed history."""

    def _open_filter_domain(self):
        views = self.env["chp.complaint"].get_views([(False, "search")])
        arch = etree.fromstring(views["views"]["search"]["arch"])
        (node,) = arch.xpath("//filter[@name='open']")
        return safe_eval(node.get("domain"))

    def test_action_opens_on_the_open_filter(self):
        action = self.env.ref("chp_complaints.chp_complaint_action")
        self.assertEqual(safe_eval(action.context).get("search_default_open"), 1)
        # Written as the partial index's condition, in the same order, or
        # PostgreSQL would not use the index.
        self.assertEqual(self._open_filter_domain(), [("state", "in", OPEN_STATES)])

    def test_open_filter_is_every_complaint_not_closed(self):
        states = {
            state for state, _label in self.env["chp.complaint.stage"]._fields["state"].selection
        }
        self.assertEqual(states - set(OPEN_STATES), {"closed"})
        new = self.make_complaint()
        domain = self._open_filter_domain()
        self.assertIn(new, self.env["chp.complaint"].search(domain))
        new.write({"stage1_outcome": "upheld", "stage1_action": "Bins emptied"})
        new.action_close_stage1()
        self.assertEqual(new.state, "closed")
        self.assertNotIn(new, self.env["chp.complaint"].search(domain))

    def test_partial_index_of_open_complaints(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'chp_complaint_open_kanban_index'"
        )
        (definition,) = self.env.cr.fetchone()
        self.assertIn("(stage_id, date_received DESC, id DESC)", definition)
        self.assertIn("'new'", definition)
        self.assertIn("'stage2'", definition)
        self.assertNotIn("'closed'", definition)
