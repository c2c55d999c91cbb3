"""Child friendly complaints (issue 23): the public form asks in plain
words whether the person is under 18 or writes about a child, and offers a
child's wording (``?young=1``); a complaint made by a child gets the child
friendly confirmation and decision letters, the same kind of letter with
another template."""

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import ChpJourneyCase
from .customer_common import ChpCustomerHttpCase

CHOICES = {
    "none": "No",
    "child": "I am under 18",
    "on_behalf": "I am writing for a child or young person",
    "affects_child": "It is about something that affects a child",
}


@tagged("post_install", "-at_install")
class TestChildPublicForm(ChpCustomerHttpCase):
    """/complaints/new as an anonymous visitor, about a child."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Several submissions per test from one address.
        cls.env["ir.config_parameter"].sudo().set_param("chp_complaints.form_rate_limit", "100")

    def confirmation(self, complaint):
        return complaint.message_ids.filtered(lambda m: complaint.partner_id in m.partner_ids)

    def test_the_form_asks_about_a_child_in_plain_words(self):
        html = self.url_open("/complaints/new").text
        fieldset = html.split('class="o_chp_child', 1)[1].split("</fieldset>", 1)[0]
        self.assertIn("<legend", fieldset)
        self.assertIn("Is this about a child or young person?", fieldset)
        for value, label in CHOICES.items():
            self.assertIn(f'value="{value}"', fieldset)
            self.assertIn(label, fieldset)
        # Every radio has its label; "No" is the answer until one is chosen.
        for radio_id in (
            "chp_child_involvement",
            "chp_child_involvement_child",
            "chp_child_involvement_on_behalf",
            "chp_child_involvement_affects_child",
        ):
            self.assertIn(f'id="{radio_id}"', fieldset)
            self.assertIn(f'for="{radio_id}"', fieldset)
        self.assertRegex(fieldset, r'id="chp_child_involvement"[^>]*checked')
        self.assertIn('for="chp_child_age_band"', fieldset)
        self.assertIn('for="chp_child_contact_preference"', fieldset)
        self.assertIn('href="/complaints/new?young=1"', html)
        self.assertIn("Under 18? Use our simpler words", html)
        self.assertNotIn("What would make it better?", html)

    def test_each_answer_is_recorded(self):
        for value in CHOICES:
            with self.subTest(child_involvement=value):
                subject = f"Bins not collected ({value})"
                band = "" if value == "none" else "12_15"
                response = self.submit(
                    subject=subject,
                    child_involvement=value,
                    child_age_band=band,
                    child_contact_preference="" if value == "none" else "text",
                )
                self.assertEqual(response.status_code, 200, response.text[:1000])
                complaint = self.complaints(subject)
                self.assertEqual(len(complaint), 1)
                self.assertEqual(complaint.child_involvement, value)
                self.assertEqual(complaint.child_age_band, band or False)
                self.assertEqual(
                    complaint.child_contact_preference, False if value == "none" else "text"
                )

    def test_not_answered_is_no_child(self):
        self.assertEqual(self.submit().status_code, 200)
        self.assertEqual(self.complaints().child_involvement, "none")

    def test_bad_answers_are_refused_in_plain_words(self):
        cases = [
            ({"child_involvement": "teenager"}, "child_involvement", "Choose one of the answers"),
            (
                {"child_involvement": "child", "child_age_band": "18_25"},
                "child_age_band",
                "Choose an age from the list",
            ),
            (
                {"child_involvement": "none", "child_age_band": "5_11"},
                "child_age_band",
                "leave the age empty",
            ),
            (
                {"child_involvement": "child", "child_contact_preference": "pigeon"},
                "child_contact_preference",
                "Choose a way to keep in touch",
            ),
        ]
        for values, fname, message in cases:
            with self.subTest(field=fname, values=values):
                response = self.submit(**values)
                self.assertEqual(response.status_code, 400)
                html = response.text
                self.assertIn(f'id="chp_{fname}_error"', html)
                self.assertIn(f'href="#chp_{fname}"', html)
                self.assertIn(f'id="chp_{fname}"', html)
                self.assertIn(
                    f'aria-describedby="chp_{fname}_error"',
                    html.replace(
                        f'aria-describedby="chp_{fname}_hint chp_{fname}_error"',
                        f'aria-describedby="chp_{fname}_error"',
                    ),
                )
                self.assertIn('aria-invalid="true"', html)
                self.assertIn(message, html)
        self.assertFalse(self.env["chp.complaint"].sudo().search([("channel", "=", "web")]))

    def test_simpler_words_for_young_people(self):
        html = self.url_open("/complaints/new?young=1").text
        self.assertIn("Tell us what went wrong", html)
        self.assertIn("What would make it better?", html)
        self.assertIn("adult you trust", html)
        self.assertIn("Who you can talk to", html)
        self.assertIn("How old are you?", html)
        self.assertIn('href="/complaints/new"', html)
        self.assertIn('name="young" value="1"', html)
        # "I am under 18" is chosen for them; the form stays the same form.
        fieldset = html.split('class="o_chp_child', 1)[1].split("</fieldset>", 1)[0]
        self.assertRegex(fieldset, r'id="chp_child_involvement_child"[^>]*checked')
        self.assertNotRegex(fieldset, r'id="chp_child_involvement"[^>]*checked')
        for fname in ("subject", "description", "remedy", "name", "email", "attachments"):
            self.assertIn(f'for="chp_{fname}"', html)
        # An error keeps the simpler words.
        response = self.submit(young="1", child_involvement="child", subject="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("What would make it better?", response.text)
        self.assertIn('id="chp_subject_error"', response.text)

    def test_a_young_person_complains_and_gets_the_child_friendly_confirmation(self):
        response = self.submit(
            young="1",
            child_involvement="child",
            child_age_band="12_15",
            child_contact_preference="text",
            remedy="Please fix the lift.",
        )
        self.assertEqual(response.status_code, 200, response.text[:1000])
        self.assertIn("adult you trust", response.text)
        complaint = self.complaints()
        self.assertEqual(complaint.child_involvement, "child")
        self.assertEqual(complaint.child_age_band, "12_15")
        self.assertIn("Please fix the lift.", complaint.description)
        self.assertIn("What would make it better", complaint.description)
        confirmation = self.confirmation(complaint)
        self.assertEqual(len(confirmation), 1)
        self.assertEqual(confirmation.subject, f"We got your complaint {complaint.name}")
        self.assertIn("Keep it safe", confirmation.body)
        self.assertIn("adult you trust", confirmation.body)
        self.assertIn(complaint.access_token, confirmation.body)
        # Nothing of the SPSO before a final answer.
        self.assertNotIn("0800 377 7330", confirmation.body)
        # The typed email is a claim: a new contact, never the portal
        # user who has that address.
        self.submit(subject="Lift broken", child_involvement="child", email="alice@example.org")
        claimed = self.complaints("Lift broken")
        self.assertTrue(claimed.partner_id)
        self.assertNotEqual(claimed.partner_id, self.portal_user.partner_id)

    def test_an_adult_keeps_the_usual_confirmation(self):
        for value in ("none", "on_behalf"):
            with self.subTest(child_involvement=value):
                subject = f"Bins ({value})"
                self.submit(subject=subject, child_involvement=value)
                complaint = self.complaints(subject)
                confirmation = self.confirmation(complaint)
                self.assertEqual(
                    confirmation.subject, f"We received your complaint {complaint.name}"
                )
                self.assertNotIn("Keep it safe", confirmation.body)


@tagged("post_install", "-at_install")
class TestChildLetters(ChpJourneyCase):
    """The letter buttons offer the child friendly template for a complaint
    made by a child; what the letter records stays the same."""

    SPSO = "Ask the SPSO within 12 months: 0800 377 7330."

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"email": "complaints@council.example", "chp_spso_signposting": cls.SPSO})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Sam Young", "email": "sam@example.org"}
        )

    def make_customer_complaint(self, **vals):
        return self.make_complaint(
            partner_id=self.customer.id,
            customer_name="Sam Young",
            customer_email="sam@example.org",
            **vals,
        )

    def closed_at_stage1(self, **vals):
        complaint = self.make_customer_complaint(**vals)
        complaint.write(
            {
                "stage1_outcome": "upheld",
                "stage1_action": "Internal: caretaker J. Smith reminded.",
                "stage1_customer_summary": "The lift was broken; we fixed it.",
            }
        )
        with freeze_time("2026-11-30 10:00:00"):
            complaint.action_close_stage1()
        return complaint

    def closed_at_stage2(self, **vals):
        complaint = self.make_customer_complaint(investigator_id=self.investigator.id, **vals)
        complaint.action_start_stage2_direct()
        complaint.write(
            {
                "stage2_outcome": "partially_upheld",
                "stage2_action": "Internal: repairs log checked by J. Smith.",
                "stage2_customer_summary": "The play park was shut too long; it is open now.",
            }
        )
        complaint.action_acknowledge()
        with freeze_time("2026-12-22 16:00:00"):
            complaint.with_user(self.senior).action_signoff_close()
        return complaint

    def offered(self, complaint, action_name):
        action = getattr(complaint.with_user(self.senior2), action_name)()
        return self.env["mail.template"].browse(action["context"]["default_template_id"]), action

    def send(self, complaint, action_name):
        template, action = self.offered(complaint, action_name)
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.senior2)
            .with_context(**action["context"])
        )
        self.assertIn(self.customer, composer.partner_ids)
        before = complaint.message_ids
        composer.save().action_send_mail()
        sent = (complaint.message_ids - before).filtered(lambda m: self.customer in m.partner_ids)
        return template, sent.sorted("id")[:1]

    def test_child_stage1_decision(self):
        complaint = self.closed_at_stage1(
            child_involvement="child", child_age_band="12_15", child_contact_user_id=self.staff.id
        )
        template, message = self.send(complaint, "action_chp_send_stage1_decision")
        self.assertEqual(
            template, self.env.ref("chp_complaints.chp_mail_template_stage1_decision_child")
        )
        body = message.body
        self.assertIn("We agree with you. Things went wrong.", body)
        self.assertIn("we fixed it", body)
        self.assertNotIn("J. Smith", body)
        self.assertIn("ask us to look at it again", body)
        self.assertIn("by 30 January 2027", body)
        self.assertIn(f"You chose to talk to {self.staff.name}", body)
        self.assertIn("adult you trust", body)
        # The SPSO comes after stage 2 only.
        self.assertNotIn("SPSO", body)
        self.assertNotIn("0800 377 7330", body)
        # The child friendly PDF letter is attached.
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn("Decision letter", message.attachment_ids.name)
        # Same kind of letter: the survey followed the decision.
        self.assertEqual(complaint.sudo().chp_survey_input_ids.chp_stage, "stage1")

    def test_child_stage2_decision_has_the_spso_route_for_children(self):
        complaint = self.closed_at_stage2(child_involvement="child")
        template, message = self.send(complaint, "action_chp_send_stage2_decision")
        self.assertEqual(
            template, self.env.ref("chp_complaints.chp_mail_template_stage2_decision_child")
        )
        body = message.body
        self.assertIn("We agree with some of what you told us.", body)
        self.assertIn("it is open now", body)
        self.assertIn("final response", body)
        self.assertIn("for free on 0800 377 7330", body)
        self.assertIn("children and young people", body)
        self.assertIn("An adult you trust can help you contact the SPSO", body)
        self.assertIn(self.SPSO, body)
        self.assertNotIn("You chose to talk to", body)
        self.assertEqual(complaint.sudo().chp_survey_input_ids.chp_stage, "stage2")
        # The PDF letter in the same words.
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("chp_complaints.report_stage2_decision_child", complaint.ids)[0]
            .decode()
        )
        self.assertIn("Hello Sam Young", html)
        self.assertIn("Our final answer about your complaint", html)
        self.assertIn("for free on 0800 377 7330", html)
        self.assertIn("22 December 2026", html)
        self.assertNotIn("J. Smith", html)

    def test_child_stage1_letter_pdf_never_names_the_spso(self):
        complaint = self.closed_at_stage1(
            child_involvement="child", child_contact_user_id=self.staff.id
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("chp_complaints.report_stage1_decision_child", complaint.ids)[0]
            .decode()
        )
        self.assertIn("What we decided about your complaint", html)
        self.assertIn("ask us to look at it again", html)
        self.assertIn(f"You chose to talk to {self.staff.name}", html)
        self.assertNotIn("SPSO", html)

    def test_other_letters_and_adults_keep_the_usual_templates(self):
        usual = {
            "action_chp_send_stage1_decision": "chp_mail_template_stage1_decision",
            "action_chp_send_stage2_decision": "chp_mail_template_stage2_decision",
        }
        for involvement in ("none", "on_behalf", "affects_child"):
            with self.subTest(child_involvement=involvement):
                stage1 = self.closed_at_stage1(child_involvement=involvement)
                stage2 = self.closed_at_stage2(child_involvement=involvement)
                for complaint, action_name in (
                    (stage1, "action_chp_send_stage1_decision"),
                    (stage2, "action_chp_send_stage2_decision"),
                ):
                    template, _action = self.offered(complaint, action_name)
                    self.assertEqual(template, self.env.ref(f"chp_complaints.{usual[action_name]}"))
        # A child's stage 2 acknowledgement is the usual letter.
        complaint = self.make_customer_complaint(child_involvement="child")
        complaint.action_start_stage2_direct()
        template, _action = self.offered(complaint, "action_chp_send_stage2_ack")
        self.assertEqual(template, self.env.ref("chp_complaints.chp_mail_template_stage2_ack"))

    def test_received_confirmation_and_a_deleted_child_template(self):
        complaint = self.make_customer_complaint(child_involvement="child")
        complaint._chp_send_received_confirmation()
        confirmation = complaint.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertEqual(confirmation.subject, f"We got your complaint {complaint.name}")
        self.assertIn("Working days are Monday to Friday", confirmation.body)
        # The complaints administrator deleted a child friendly template:
        # the usual one goes.
        self.env.ref("chp_complaints.chp_mail_template_stage1_decision_child").unlink()
        complaint = self.closed_at_stage1(child_involvement="child")
        template, _action = self.offered(complaint, "action_chp_send_stage1_decision")
        self.assertEqual(template, self.env.ref("chp_complaints.chp_mail_template_stage1_decision"))
