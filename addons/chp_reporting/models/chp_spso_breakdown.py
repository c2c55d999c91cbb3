from odoo import _, api, models


class ChpSpsoIndicator(models.AbstractModel):
    """The breakdowns of the indicators by service, root cause and
    contractor: every record listed, zeros included."""

    _inherit = "chp.spso.indicator"

    @api.model
    def _breakdown_rows(self, model, domain, name_field, counts, none_label):
        """Rows for every record of ``domain`` (zeros included, as Part 4 asks
        to highlight areas with few or no complaints), plus any other record
        that has figures (e.g. archived), plus "none recorded" when used."""
        records = self.env[model].search_read(domain, [name_field])
        names = {rec["id"]: rec[name_field] for rec in records}
        missing = [key for key in counts if key and key not in names]
        if missing:
            others = self.env[model].with_context(active_test=False).browse(missing)
            names.update({rec["id"]: rec[name_field] for rec in others.read([name_field])})
        zero = {"received": 0, "closed": 0, "upheld_or_partially": 0}
        rows = [
            {"id": key, "name": name, **counts.get(key, zero)}
            for key, name in sorted(names.items(), key=lambda item: (item[1] or "", item[0]))
        ]
        if none_label and None in counts and any(counts[None].values()):
            rows.append({"id": None, "name": none_label, **counts[None]})
        return rows

    @api.model
    def _breakdowns(self, groups, company, service_ids, contractor_ids):
        service_domain = [("company_id", "=", company.id)]
        if service_ids is not None:
            service_domain.append(("id", "in", service_ids))
        contractor_domain = [("chp_is_contractor", "=", True)]
        if contractor_ids is not None:
            contractor_domain = [("id", "in", contractor_ids)]
        return {
            "by_service": self._breakdown_rows(
                "chp.service",
                service_domain,
                "complete_name",
                groups["service"],
                _("No service recorded"),
            ),
            "by_root_cause": self._breakdown_rows(
                "chp.root.cause",
                [("company_id", "in", [company.id, False])],
                "name",
                groups["root_cause"],
                _("No root cause recorded"),
            ),
            "by_contractor": self._breakdown_rows(
                "res.partner", contractor_domain, "name", groups["contractor"], None
            ),
        }
