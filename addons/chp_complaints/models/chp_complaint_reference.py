from collections import defaultdict
from datetime import date

from odoo import api, fields, models


class ChpComplaintReference(models.Model):
    """Complaint references (CMP/2026/00001) drawn in bulk.

    Every reference still comes from the company's ``ir.sequence`` and its
    yearly range, so numbers stay unique under concurrent creation; but a
    batch of complaints (an import, a bulk creation) looks up each sequence
    and range once and draws all the numbers of a range with one PostgreSQL
    query instead of two queries and a prefix interpolation per complaint."""

    _inherit = "chp.complaint"

    @api.model
    def _chp_next_references(self, requests):
        """The next references for ``requests``, a list of (company, day of
        receipt), in the same order: numbered in the year of the day."""
        sequences = {}
        items = []
        for company, day in requests:
            sequence = sequences.get(company.id)
            if sequence is None:
                sequence = sequences[company.id] = self._chp_reference_sequence(company)
            items.append((sequence, day))
        return self._chp_draw_references(items)

    @api.model
    def _chp_draw_references(self, requests):
        """The next names of ``requests``, a list of (sequence, day), in the
        same order; a year's range is opened when missing."""
        names = [None] * len(requests)
        ranges = defaultdict(list)
        batches = defaultdict(list)
        for index, (sequence, day) in enumerate(requests):
            date_range = self._chp_sequence_range(sequence, day, ranges[sequence.id], open_it=True)
            if date_range and sequence.implementation == "standard":
                batches[date_range].append((index, day))
            else:
                # A no-gap sequence (or one without yearly ranges): the
                # sequence's own path, one at a time.
                names[index] = sequence.with_context(ir_sequence_date=day)._next(sequence_date=day)
        for date_range, items in batches.items():
            sequence = date_range.sequence_id
            self.env.cr.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                [f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}", len(items)],
            )
            numbers = sorted(row[0] for row in self.env.cr.fetchall())
            affixes = {}
            for (index, day), number in zip(items, numbers, strict=True):
                if day not in affixes:
                    affixes[day] = sequence.with_context(
                        ir_sequence_date=day, ir_sequence_date_range=date_range.date_from
                    )._get_prefix_suffix()
                prefix, suffix = affixes[day]
                names[index] = f"{prefix}{number:0{sequence.padding}d}{suffix}"
                if "current_" in (sequence.prefix or "") + (sequence.suffix or ""):
                    affixes.pop(day)  # the prefix shows the time of drawing
        return names

    @api.model
    def _chp_sequence_range(self, sequence, day, known, open_it=False):
        """The range of ``sequence`` holding ``day`` (``known``: the ranges
        found so far in this batch), or an empty recordset; with
        ``open_it``, the year's range is opened when it is missing."""
        if not sequence.use_date_range:
            return self.env["ir.sequence.date_range"]
        for date_range in known:
            if date_range.date_from <= day <= date_range.date_to:
                return date_range
        date_range = self._chp_search_range(sequence, day)
        if not date_range and open_it:
            date_range = self._chp_open_range(sequence, day.year)
        if date_range:
            known.append(date_range)
        return date_range

    @api.model
    def _chp_search_range(self, sequence, day):
        return (
            self.env["ir.sequence.date_range"]
            .sudo()
            .search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ],
                limit=1,
            )
        )

    @api.model
    def _chp_open_range(self, sequence, year):
        """Open ``year``'s numbering of ``sequence``, safely under concurrency
        for any year (a history year as much as next year).

        Two transactions opening the same year would each create a range and
        number from 1 again. So the opener first locks the sequence's row
        and, when it creates the range, updates that row. A concurrent opener
        waits on the lock; once the first commits, PostgreSQL refuses the
        waiter's lock with a serialization failure (its snapshot predates the
        new range), which Odoo's request and RPC layer retries: the retry sees
        the range and draws from it. No second range, no duplicate number,
        and no error reaches the user."""
        self.env.cr.execute("SELECT id FROM ir_sequence WHERE id = %s FOR UPDATE", [sequence.id])
        first = date(year, 1, 1)
        date_range = self._chp_search_range(sequence, first)
        if date_range:
            return date_range
        date_range = (
            self.env["ir.sequence.date_range"]
            .sudo()
            .create({"sequence_id": sequence.id, "date_from": first, "date_to": date(year, 12, 31)})
        )
        self.env.cr.execute(
            "UPDATE ir_sequence SET write_date = (now() AT TIME ZONE 'UTC') WHERE id = %s",
            [sequence.id],
        )
        return date_range

    @api.model
    def _chp_ensure_reference_ranges(self, years=None):
        """Open the yearly ranges of every company's reference sequence ahead
        of time (this year and next, by default). Two transactions drawing
        the first reference of a year at the same moment would otherwise each
        open the year's range and number from 1 again; the unique constraint
        would refuse one of them. Run at install and by a monthly action."""
        today = fields.Date.context_today(self)
        years = years or (today.year, today.year + 1)
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "chp.complaint"), ("use_date_range", "=", True)])
        )
        opened = self.env["ir.sequence.date_range"]
        for sequence in sequences:
            for year in years:
                if not self._chp_search_range(sequence, date(year, 1, 1)):
                    opened |= self._chp_open_range(sequence, year)
        return opened

    @api.model
    def _chp_reference_sequence(self, company):
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "chp.complaint"), ("company_id", "=", company.id)], limit=1)
        )
        if not sequence:
            sequence = company.sudo()._chp_create_complaint_sequence()
        return sequence
