import re

from odoo.tests import HttpCase, new_test_user

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
        cls.staff = new_test_user(
            cls.env, login="chp_cust_staff", groups="chp_complaints.group_chp_staff"
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="chp_portal_alice",
            password="chp_portal_alice",
            groups="base.group_portal",
            email="alice@example.org",
            name="Alice Customer",
        )
        cls.other_portal_user = new_test_user(
            cls.env,
            login="chp_portal_bob",
            password="chp_portal_bob",
            groups="base.group_portal",
            email="bob@example.org",
            name="Bob Customer",
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
