from datetime import timedelta

from odoo import api, fields, models


class ChpExportMixin(models.AbstractModel):
    """A wizard that holds an exported file with personal or case-level data
    (subject access zip, case file, SPSO case CSV).

    Such a file is readable only by the user who made it, in the companies
    they work in (one global record rule per model, ``security/
    chp_export_rules.xml``), and lives no longer than needed: a scheduled
    action deletes every such wizard ``_chp_export_max_minutes`` after its
    last change, instead of Odoo's daily transient vacuum."""

    _name = "chp.export.mixin"
    _description = "Wizard holding an exported file"

    # Long enough to download the file, short enough not to keep a copy.
    _chp_export_max_minutes = 30

    @api.model
    def default_get(self, fields_list):
        self._chp_check_export_access()
        return super().default_get(fields_list)

    @api.model
    def _chp_check_export_access(self):
        """Raise AccessError unless the user may make this kind of export.
        Checked when the wizard opens (``default_get``) and again by the
        wizard's export action; by default only the ACLs apply."""

    @api.model
    def _chp_purge_expired_exports(self):
        """Delete the expired export wizards of every model of the suite that
        holds exported files (the scheduled action calls this)."""
        for name in self.env.registry.descendants([self._name], "_inherit"):
            model = self.env[name]
            if name == self._name or not model._transient:
                continue
            limit = fields.Datetime.now() - timedelta(minutes=model._chp_export_max_minutes)
            model.sudo().search(
                ["|", ("write_date", "<", limit), ("write_date", "=", False)]
            ).unlink()
        return True
