"""The page's stylesheet (verdict colours, the urgent banner, the referral box)."""

from __future__ import annotations

CSS = """
.verdict-badge{display:inline-block;padding:.35rem .8rem;border-radius:999px;font-weight:700;
  font-size:1.05rem;color:#fff}
.verdict-allowed{background:#1d6b35}.verdict-not-allowed{background:#a32020}
.verdict-conditional{background:#9a5b00}.verdict-not-covered{background:#4a5568}
.urgent-banner{background:#a32020;color:#fff;padding:.8rem 1rem;border-radius:8px;font-weight:700;
  font-size:1.1rem}
.referral-box{border:3px solid #1f4e8c;background:#eef4fb;border-radius:8px;padding:.6rem 1rem;
  color:#10233f}
.referral-box h3{margin:.2rem 0 .4rem 0;color:#1f4e8c}
.citation summary{cursor:pointer;font-weight:600}.citation blockquote{margin:.4rem 0 .4rem 1rem;
  border-left:3px solid #999;padding-left:.6rem}
.demo-banner{background:#fff3cd;border:2px solid #b8860b;padding:.6rem 1rem;border-radius:8px;
  color:#5c4400;font-weight:600}
.export-link{display:inline-block;padding:.5rem 1rem;border:1px solid #1f4e8c;border-radius:8px;
  color:#1f4e8c;font-weight:600;text-decoration:none}
.logout{text-align:right}.logout button{padding:.35rem .8rem;border:1px solid #57606a;
  border-radius:6px;background:#fff;color:#1f2328;cursor:pointer}
button[role=tab].selected{color:#0b4f94 !important}
.entry-detail th{text-align:left;padding-right:1rem;vertical-align:top}
/* Tables (gradio's grid of cells): headers never break inside a word; log ids,
   times and names stay on one line, in a fixed-width font for the ids. */
.log-table [role=columnheader],.log-table [role=columnheader] *,.log-table th,.log-table th *{
  white-space:nowrap !important;word-break:normal !important;overflow-wrap:normal !important}
#log-table [role=gridcell]:is([data-col="0"],[data-col="1"],[data-col="2"]) .text,
#history [role=gridcell]:is([data-col="0"],[data-col="4"]) .text{
  white-space:nowrap !important;word-break:normal !important;overflow-wrap:normal !important}
#log-table [role=gridcell][data-col="0"] .text,#history [role=gridcell][data-col="4"] .text{
  font-family:ui-monospace,monospace}
.log-table [role=gridcell] .text{word-break:normal !important;overflow-wrap:break-word}
"""

# What CSS cannot do: the page's <html lang> follows the language switch (screen
# readers pronounce by it), and gradio's date pickers' calendar buttons, which have
# no text, get a name in that language.
HEAD = """<script>
(() => {
  const names = {nl: "Kies een datum", en: "Choose a date"};
  const sync = () => {
    const chosen = document.querySelector("#language input:checked");
    const lang = chosen && chosen.value === "en" ? "en" : "nl";
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    document.querySelectorAll(".timebox button.calendar").forEach((button) => {
      if (button.getAttribute("aria-label") !== names[lang]) {
        button.setAttribute("aria-label", names[lang]);
      }
    });
  };
  new MutationObserver(sync).observe(document, {subtree: true, childList: true,
    attributes: true, attributeFilter: ["checked", "class"]});
  document.addEventListener("change", sync);
  sync();
})();
</script>"""
