"""Who wrote a message on a complaint is who was logged in.

The tracking page shows the customer's words as theirs ("You"), so nobody
may post, create or rewrite a complaint's message as someone else: a user's
message is authored by the user's own contact, whatever ``author_id`` or
``email_from`` the call carries. Only code running as superuser, which is
the mail gateway, the public form and the tracking page, posts as the
customer, and only for that complaint's customer. The portal's token and
hash access to the chatter routes (``/mail/message/post``,
``/mail/chatter_fetch``) is closed: the customer's side of a complaint is
its own tracking page."""

from odoo import _, api, models
from odoo.exceptions import AccessError

COMPLAINT = "chp.complaint"
# What says where a message belongs and who wrote it.
AUTHORSHIP_FIELDS = ("author_id", "author_guest_id", "model", "res_id")


def _refuse_other_author(env, author_id):
    """Refuse a message on a complaint authored by anyone but the user."""
    if author_id != env.user.partner_id.id:
        raise AccessError(
            _(
                "A message on a complaint is written in your own name: "
                "you cannot post it as someone else."
            )
        )


class ChpComplaintAuthorship(models.Model):
    _inherit = COMPLAINT

    def message_post(self, **kwargs):
        """A user posts as themselves (``author_id`` defaults to their
        contact, never to a contact found by ``email_from``)."""
        if not self.env.su:
            author_id = kwargs.get("author_id")
            if author_id is None:
                kwargs["author_id"] = self.env.user.partner_id.id
            else:
                _refuse_other_author(self.env, author_id)
        return super().message_post(**kwargs)

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """Only the record rules open a complaint's chatter: not the portal's
        token or hash (the customer reads and replies on the tracking page,
        which shows only what is theirs)."""
        thread = self.browse(thread_id)
        if thread.exists() and thread.sudo(False).has_access(mode):
            return thread
        return self.browse()


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("model") == COMPLAINT:
                    _refuse_other_author(
                        self.env, vals.get("author_id", self.env.user.partner_id.id)
                    )
                    if vals.get("author_guest_id"):
                        _refuse_other_author(self.env, False)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(name in vals for name in AUTHORSHIP_FIELDS):
            moved_to = vals.get("model")
            if moved_to == COMPLAINT or any(m.model == COMPLAINT for m in self.sudo()):
                raise AccessError(
                    _("The author and the record of a message on a complaint cannot be changed.")
                )
        return super().write(vals)


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _compute_authorship(self):
        """A letter to the customer comes from the organisation's address
        but is written by the user who sends it (Odoo would make the contact
        found by that address the author)."""
        res = super()._compute_authorship()
        for composer in self:
            if composer.model == COMPLAINT and not self.env.su:
                composer.author_id = self.env.user.partner_id
        return res
