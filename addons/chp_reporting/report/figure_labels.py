"""Wording shared by the workbook, the CSV, the reports and the public page
for the figures whose meaning depends on the period or the settings, so that
every output says the same thing (and old frozen figures, without the newer
keys, still read sensibly)."""

from datetime import date

from odoo.addons.chp_complaints.tools.formats import uk_date


def long_date(value):
    """``value`` (a date or an ISO string) with its month by name, as a
    cover or a heading says it: "1 July 2026"; "" when empty."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {value:%B %Y}"


def open_when(figures, date_to=None):
    """When "open at the end" is counted for these figures: the last day of
    the period, or today while the period is not over (nobody knows yet what
    will be open on its last day)."""
    as_of = figures.get("open_as_of") or date_to
    if figures.get("open_as_of_today"):
        return f"today ({uk_date(as_of)}, the period is not over)"
    if not as_of:
        return "at the end of the period"
    return f"at the end of the period ({uk_date(as_of)})"


def open_heading(figures, date_to=None):
    return f"Open and overdue {open_when(figures, date_to)}"


def per_1000_label(figures):
    """ "Received per 1,000 tenancies (2,000; source ...)" or why it is blank."""
    basis = figures.get("denominator")
    if not basis:
        if figures.get("received_per_1000") is None:
            return (
                "Received per 1,000: not set (no number of tenancies, homes or people "
                "for the reporting year)"
            )
        return "Received per 1,000"
    label = f"Received per 1,000 {basis['label'].lower()} ({basis['value']:,}"
    if basis.get("source"):
        label += f"; source: {basis['source']}"
    return label + ")"


def split_trends(trends):
    """(year rows, quarter rows) of a report's trend rows, each oldest first:
    years and quarters are not comparable and go in separate tables."""
    years, quarters = [], []
    for row in trends or []:
        kind = row.get("kind") or ("quarter" if row["period"].startswith("Q") else "year")
        (quarters if kind == "quarter" else years).append(row)
    return years, quarters
