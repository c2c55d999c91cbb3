import io

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

REPORT_NAME = "chp_reporting.chp_report_pdf_document"
FOOTER_GREY = Color(0.27, 0.27, 0.27)


def stamp_footer(pdf_bytes, left_text):
    """``pdf_bytes`` with a running footer on every page after the first
    (the cover): ``left_text`` on the left, "Page n of N" on the right.

    wkhtmltopdf draws Odoo's report footers (and its own ``--footer-*``
    options) only when built on a patched Qt; Debian's build ignores them.
    Stamping the finished PDF gives the committee page numbers with any
    build, and the report's own layout draws no footer that could double
    them."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    total = reader.getNumPages()
    overlay_stream = io.BytesIO()
    overlay = canvas.Canvas(overlay_stream)
    for number in range(1, total + 1):
        box = reader.getPage(number - 1).mediaBox
        width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        overlay.setPageSize((width, height))
        if number > 1:
            overlay.setFont("Helvetica", 9)
            overlay.setFillColor(FOOTER_GREY)
            overlay.setStrokeColor(FOOTER_GREY)
            overlay.setLineWidth(0.5)
            overlay.line(15 * mm, 12 * mm, width - 15 * mm, 12 * mm)
            overlay.drawString(15 * mm, 8 * mm, left_text)
            overlay.drawRightString(width - 15 * mm, 8 * mm, f"Page {number} of {total}")
        overlay.showPage()
    overlay.save()
    stamps = PdfFileReader(overlay_stream, strict=False)
    writer = PdfFileWriter()
    for index in range(total):
        page = reader.getPage(index)
        page.mergePage(stamps.getPage(index))
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


class IrActionsReport(models.Model):
    """Page numbers and the organisation on every page of the complaints
    performance report (see ``stamp_footer``)."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        streams = super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        if self._get_report(report_ref).report_name != REPORT_NAME:
            return streams
        reports = self.env["chp.report"].browse([key for key in streams if key])
        for key, value in streams.items():
            if not value.get("stream") or value.get("attachment"):
                continue
            report = reports.filtered(lambda r, key=key: r.id == key)
            if report:
                text = f"{report.company_id.name} - {report.name}"
            else:
                text = "Complaints performance reports"
            stamped = stamp_footer(value["stream"].getvalue(), text)
            value["stream"].close()
            value["stream"] = io.BytesIO(stamped)
        return streams
