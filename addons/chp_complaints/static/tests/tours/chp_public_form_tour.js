/** @odoo-module **/
/* A visitor without an account complains through /complaints/new: a
   missing field is reported next to it, then the complaint is sent and the
   confirmation page gives the reference and the tracking link. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("chp_public_complaint_form_tour", {
    url: "/complaints/new",
    steps: () => [
        {
            content: "The form asks what the complaint is about",
            trigger: "label[for=chp_subject]:contains('What is your complaint about?')",
        },
        {
            content: "Describe what happened",
            trigger: "textarea#chp_description",
            run: "edit The streetlight outside 12 Hope Street has been out for a month.",
        },
        {
            content: "Send without a subject",
            trigger: "button[type=submit]:contains('Send my complaint')",
            run: "click",
        },
        {
            content: "The error is tied to the subject field",
            trigger: "#chp_subject[aria-invalid=true][aria-describedby*=chp_subject_error]",
        },
        {
            content: "The summary links to the field",
            trigger: "#chp_form_errors a[href='#chp_subject']",
        },
        {
            content: "Give the subject",
            trigger: "input#chp_subject",
            run: "edit Tour: streetlight out for a month",
        },
        {
            content: "Give a name",
            trigger: "input#chp_name",
            run: "edit Tour Customer",
        },
        {
            content: "Give an email",
            trigger: "input#chp_email",
            run: "edit tour.customer@example.org",
        },
        {
            content: "Send it",
            trigger: "button[type=submit]:contains('Send my complaint')",
            run: "click",
        },
        {
            content: "The confirmation gives the reference and the tracking link",
            trigger: ".o_chp_complaint_thanks .o_chp_reference:contains('/')",
        },
        {
            content: "The tracking link opens the complaint",
            trigger: ".o_chp_complaint_thanks a.o_chp_tracking_link",
            run: "click",
        },
        {
            content: "The tracking page says where it stands",
            trigger: ".o_chp_tracking .o_chp_stage:contains('Received')",
        },
    ],
});
