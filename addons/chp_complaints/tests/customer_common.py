import re

from odoo.tests import HttpCase, new_test_user

from .common import role_user

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class ChpCustomerHttpCase(HttpCase):
    """The customer's side over HTTP: a service, a staff member, two portal
    customers, and helpers to submit the public form with a real CSRF token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "complaints@council.example"
        cls.company = cls.env.company
        cls.service = cls.env["chp.service"].create({"name": "Waste collection"})
        cls.staff = role_user(cls.env, "chp_cust_staff", "staff")
        # Two customers with portal accounts (the password is the login).
        cls.portal_user, cls.other_portal_user = (
            new_test_user(cls.env, login=login, groups="base.group_portal", email=email, name=name)
            for login, email, name in (
                ("chp_portal_alice", "alice@example.org", "Alice Customer"),
                ("chp_portal_bob", "bob@example.org", "Bob Customer"),
            )
        )

    def csrf(self, url="/complaints/new"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return CSRF_RE.search(response.text).group(1)

    def submit(self, files=None, csrf=True, **fields):
        data = {
            "subject": "Bins not collected",
            "description": "The bins in Hope Street were not collected for three weeks.",
            "service_id": str(self.service.id),
            "name": "Jean Public",
            "email": "jean.public@example.org",
            "phone": "",
            "address": "",
            "contact_preference": "email",
        }
        data.update(fields)
        data = {key: value for key, value in data.items() if value is not None}
        if csrf:
            data["csrf_token"] = self.csrf()
        return self.url_open("/complaints/new", data=data, files=files)

    def complaints(self, subject="Bins not collected"):
        return self.env["chp.complaint"].sudo().search([("subject", "=", subject)])
