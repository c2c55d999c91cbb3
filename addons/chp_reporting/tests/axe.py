"""The axe-core check of the suite's public pages, shared by the report
pages' and the customer pages' accessibility tests so that both hold the
pages to the same WCAG 2.1 AA rules."""

_AXE_CHECK = """
const script = document.createElement("script");
script.src = "/chp_reporting/static/lib/axe-core/axe.min.js";
script.onerror = () => console.error("axe-core could not be loaded");
script.onload = async () => {
    const result = await axe.run(%(context)s, {
        runOnly: {
            type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
    });
    if (result.violations.length) {
        console.error("Accessibility violations: " + JSON.stringify(
            result.violations.map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.html)}))
        ));
    } else if (%(missing)s) {
        console.error(%(missing_message)s);
    } else {
        console.log("test successful");
    }
};
document.head.appendChild(script);
"""


def axe_check(context="document", required=("h1",), what="its heading"):
    """The browser_js code that runs axe-core on ``context`` (a JS
    expression: the document or an ``{include: [...]}`` selection) and
    fails on any violation or when a selector of ``required`` matches
    nothing (the page then lacks ``what``)."""
    missing = " || ".join(f'!document.querySelector("{selector}")' for selector in required)
    return _AXE_CHECK % {
        "context": context,
        "missing": missing,
        "missing_message": f'"The page lacks {what}"',
    }
