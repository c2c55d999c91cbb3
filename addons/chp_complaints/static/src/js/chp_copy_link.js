/** The "Copy" button beside the tracking address on the complaint's
 * confirmation page: copies the address, and says so. */
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.ChpCopyLink = publicWidget.Widget.extend({
    selector: ".o_chp_copy",
    events: { click: "_onClick" },

    async _onClick() {
        const input = document.getElementById(this.el.dataset.target);
        input.select();
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(input.value);
        } else {
            // Plain http (many intranets): the selection copied the old way.
            document.execCommand("copy");
        }
        this.el.textContent = "Copied";
    },
});
