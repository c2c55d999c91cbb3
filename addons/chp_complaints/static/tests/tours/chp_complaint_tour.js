/** @odoo-module **/
/* A staff member records a complaint from the kanban, closes stage 1 from
   the form and sees the card leave "New" for the folded "Closed" column. */
import { registry } from "@web/core/registry";

const SUBJECT = "Tour: bins missed three weeks running";

registry.category("web_tour.tours").add("chp_complaint_journey_tour", {
    url: "/odoo/action-chp_complaints.chp_complaint_action",
    steps: () => [
        {
            content: "The kanban shows the stage columns",
            trigger: ".o_kanban_view .o_kanban_group .o_column_title:contains('New')",
        },
        {
            content: "Record a new complaint",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Say what it is about",
            trigger: ".o_form_view .o_field_widget[name=subject] input",
            run: `edit ${SUBJECT}`,
        },
        {
            content: "The service it is about",
            trigger: ".o_form_view .o_field_widget[name=service_id] input",
            run: "edit Waste",
        },
        {
            content: "Pick the service",
            trigger: ".o-autocomplete--dropdown-item a:contains('Waste services')",
            run: "click",
        },
        {
            content: "The root cause",
            trigger: ".o_form_view .o_field_widget[name=root_cause_id] input",
            run: "edit Missed",
        },
        {
            content: "Pick the root cause",
            trigger: ".o-autocomplete--dropdown-item a:contains('Missed collection')",
            run: "click",
        },
        {
            content: "Save it",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "It has a reference",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('CMP/')",
        },
        {
            content: "Back to the kanban",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The card is in the New column",
            trigger: `.o_kanban_group:has(.o_column_title:contains('New')) .o_kanban_record:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            content: "Open the stage 1 tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Stage 1')",
            run: "click",
        },
        {
            content: "Record the action taken",
            trigger: ".o_form_view .o_field_widget[name=stage1_action] textarea",
            run: "edit Bins collected; crew briefed on the route.",
        },
        {
            content: "Record the outcome",
            trigger: ".o_form_view .o_field_widget[name=stage1_outcome] select",
            run: 'select "upheld"',
        },
        {
            content: "Close stage 1",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_close_stage1]",
            run: "click",
        },
        {
            content: "Confirm: closing asks first",
            trigger: ".modal:contains('Close stage 1 with the outcome') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The complaint is closed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Closed')",
        },
        {
            content: "Back to the kanban",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The card left the New column",
            trigger: `.o_kanban_group:has(.o_column_title:contains('New')):not(:has(.o_kanban_record:contains('${SUBJECT}')))`,
        },
        {
            content: "The board opens on open complaints: show the closed ones too",
            trigger: ".o_searchview_facet:contains('Open') .o_facet_remove",
            run: "click",
        },
        {
            content: "The folded Closed column counts it",
            trigger: ".o_kanban_group.o_column_folded .o_column_title:contains('Closed'):contains('(1)')",
        },
    ],
});
