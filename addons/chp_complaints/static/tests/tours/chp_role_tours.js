/** @odoo-module **/
/* One tour per role that works a complaint (the test opens each at the
   complaint prepared for it). What a user may not do is refused by the
   server with a message, and what they may not change is read-only. */
import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;
const tours = registry.category("web_tour.tours");

function statusIs(label) {
    return {
        content: `The complaint is at “${label}”`,
        trigger: `.o_form_view .o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
    };
}

function clickButton(name, content) {
    return {
        content,
        trigger: `.o_form_view .o_statusbar_buttons button[name='${name}']`,
        run: "click",
    };
}

const confirmDialog = {
    content: "Confirm",
    trigger: ".modal .modal-footer .btn-primary",
    run: "click",
};

function openTab(label) {
    return {
        content: `Open the ${label} tab`,
        trigger: `.o_form_view .o_notebook .nav-link:contains('${label}')`,
        run: "click",
    };
}

function readonly(name) {
    return {
        content: `${name} is read-only`,
        trigger: `.o_form_view .o_field_widget.o_readonly_modifier[name='${name}']`,
    };
}

/* Staff: escalate a stage 1 complaint; the status bar can't close a stage 2
   complaint (a message, nothing saved); clocks are read-only. */
tours.add("chp_staff_tour", {
    steps: () => [
        statusIs("Stage 1"),
        readonly("deadline"),
        readonly("date_received"),
        clickButton("action_escalate", "Escalate to stage 2"),
        confirmDialog,
        statusIs("Stage 2"),
        {
            content: "Try to close it from the status bar",
            trigger: ".o_form_view .o_statusbar_status button[data-value]:contains('Closed')",
            run: "click",
        },
        {
            content: "The server refuses with a message",
            trigger: ".modal .modal-body:contains('Only users with the role')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Discard the refused change",
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        statusIs("Stage 2"),
        openTab("Stage 1"),
        readonly("stage1_outcome"),
        readonly("stage1_date_closed"),
    ],
});

/* Investigator: acknowledge, write the response, request sign-off. */
tours.add("chp_investigator_tour", {
    steps: () => [
        statusIs("Stage 2"),
        clickButton("action_acknowledge", "Acknowledge the complaint"),
        {
            content: "Acknowledged: the button goes",
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button[name='action_acknowledge']))",
        },
        openTab("Stage 2"),
        readonly("stage2_ack_date"),
        {
            content: "Record the action taken",
            trigger: ".o_form_view .o_field_widget[name=stage2_action] textarea",
            run: "edit Surveyed the flat; damp treatment booked.",
        },
        {
            content: "Record the outcome",
            trigger: ".o_form_view .o_field_widget[name=stage2_outcome] select",
            run: 'select "upheld"',
        },
        clickButton("action_request_signoff", "Request sign-off"),
        {
            content: "The chatter says so",
            trigger: ".o-mail-Message:contains('Sign-off requested')",
        },
        statusIs("Stage 2"),
    ],
});

/* Senior manager: extend a stage 1 complaint. */
tours.add("chp_senior_extend_tour", {
    steps: () => [
        statusIs("Stage 1"),
        {
            content: "Extend",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Extend')",
            run: "click",
        },
        {
            content: "A new deadline a few days after the standard one",
            trigger: ".modal .o_field_widget[name=new_deadline] input",
            run: `edit ${formatDate(DateTime.now().plus({ days: 9 }))}`,
        },
        {
            content: "The reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Waiting for the contractor's survey.",
        },
        {
            content: "Authorise",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The chatter records who authorised it",
            trigger: ".o-mail-Message:contains('Deadline extended')",
        },
    ],
});

/* Senior manager: sign off a stage 2 response, then reopen it. */
tours.add("chp_senior_signoff_tour", {
    steps: () => [
        statusIs("Stage 2"),
        clickButton("action_signoff_close", "Sign off and close"),
        confirmDialog,
        statusIs("Closed"),
        {
            content: "Reopen",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Reopen')",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The customer sent new evidence.",
        },
        {
            content: "Confirm the reopening",
            trigger: ".modal button[name=action_reopen]",
            run: "click",
        },
        statusIs("Stage 2"),
    ],
});

/* Contract manager: open a complaint about their contractor from the
   complaints' kanban; the form and its chatter open without an error, show
   the matter and the message to the contractor, and no customer details. */
tours.add("chp_contract_manager_open_tour", {
    steps: () => [
        {
            content: "Open the complaint about the contractor",
            trigger: ".o_kanban_record:contains('Tour: broken door entry')",
            run: "click",
        },
        {
            content: "The matter is shown",
            trigger: ".o_form_view .o_field_widget[name=subject]:contains('Tour: broken door entry')",
        },
        {
            content: "The message to the contractor is in the chatter",
            trigger: ".o-mail-Message:contains('Please repair the door entry')",
        },
        {
            content: "No customer details on the form",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=partner_id])):not(:has(.o_field_widget[name=customer_email]))",
        },
        {
            content: "The customer's message is not shown",
            trigger: ".o-mail-Thread:not(:has(.o-mail-Message:contains('My phone is 07700')))",
        },
    ],
});

/* Senior manager: the customer asked for stage 2 after the stage 1
   decision; decline to investigate, with the reason, and send the letter. */
tours.add("chp_senior_decline_tour", {
    steps: () => [
        statusIs("Closed"),
        {
            content: "Decline to investigate",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Decline to investigate')",
            run: "click",
        },
        {
            content: "Why, in plain words for the customer",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Your request raises nothing our stage 1 response did not answer.",
        },
        {
            content: "Decline and write to the customer",
            trigger: ".modal button[name=action_decline]",
            run: "click",
        },
        {
            content: "The letter is addressed to the customer: send it",
            trigger: ".modal .o_field_widget[name=partner_ids]:contains('Morag Tenant')",
        },
        {
            content: "Send",
            trigger: ".modal button.o_mail_send",
            run: "click",
        },
        {
            content: "The chatter records the decision",
            trigger: ".o-mail-Message:contains('decided not to investigate')",
        },
    ],
});
