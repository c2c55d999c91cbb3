/** @odoo-module **/
/* The people who govern complaints open the performance reports: each sees
   the report without an error, and the liaison officer exports a period. */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const REPORT = "Tour quarterly report";
const PUBLIC_REPORT = "Tour public report";

function openReport(name = REPORT) {
    return [
        {
            content: "The list of performance reports",
            trigger: `.o_list_view .o_data_row:contains('${name}') td.o_data_cell[name=name]`,
            run: "click",
        },
        {
            content: "The report opens with its figures",
            trigger: ".o_form_view .o_field_widget[name=body_html]:contains('Complaints received')",
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ];
}

tours.add("chp_committee_report_tour", {
    steps: () => openReport(),
});

tours.add("chp_contract_manager_tour", {
    steps: () => [
        {
            content: "My contractors",
            trigger: ".o_list_view .o_data_row:contains('Acme Builders') td.o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The contractor's page",
            trigger: ".o_form_view:contains('Acme Builders')",
        },
        {
            content: "To the performance reports",
            trigger: ".o_main_navbar button:contains('Reporting')",
            run: "click",
        },
        {
            content: "Performance reports",
            trigger: ".dropdown-item:contains('Performance reports')",
            run: "click",
        },
        ...openReport(PUBLIC_REPORT),
    ],
});

tours.add("chp_liaison_tour", {
    steps: () => [
        ...openReport(),
        {
            content: "The Reporting menu",
            trigger: ".o_main_navbar button:contains('Reporting')",
            run: "click",
        },
        {
            content: "SPSO data export",
            trigger: ".dropdown-item:contains('SPSO data export')",
            run: "click",
        },
        {
            content: "Export the period",
            trigger: ".modal button[name=action_export]",
            run: "click",
        },
        {
            content: "The workbook is ready to download",
            trigger: ".modal .o_field_widget[name=workbook]:contains('.xlsx')",
        },
    ],
});
