// Keyboard shortcuts for the triage inbox and the report page (see "Keyboard shortcuts" on the page).
// Everything they do is also a link or a form in the markup, so the console works without this script.
(() => {
  const help = document.getElementById("inbox-help");
  const rows = () => Array.from(document.querySelectorAll("[data-inbox-row]"));
  const typing = (el) =>
    el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  const rowOf = (el) => (el instanceof Element ? el.closest("[data-inbox-row]") : null);
  const focusRow = (row) => {
    const link = row?.querySelector("[data-inbox-open]");
    if (!link) return;
    link.focus();
    row.scrollIntoView({ block: "nearest" });
  };

  // Coming back from "Assign to me" (#take-<id>, which names no element, so the browser's own fragment
  // focusing leaves it alone): focus the row the form was on, so j/k carry on from there.
  if (location.hash.startsWith("#take-"))
    focusRow(document.getElementById(`report-${location.hash.slice(6)}`));

  // Escape closes the help rather than leaving the site (lantern.js's quick exit listens on document).
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Escape" && help?.open) {
        event.preventDefault();
        help.close();
      }
    },
    true,
  );

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || help?.open) return;
    const list = rows();
    const row = rowOf(document.activeElement);
    const at = row ? list.indexOf(row) : -1;
    if (event.key === "j" || event.key === "k") {
      if (list.length === 0) return;
      event.preventDefault();
      const next = event.key === "j" ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0);
      focusRow(list[next]);
    } else if (event.key === "a") {
      // The focused row's "Assign to me" form; on a report page (no rows), the page's own one. Enter needs
      // no script: the focused row's link opens the report.
      const form =
        list.length > 0
          ? row?.querySelector("form[data-assign-me]")
          : document.querySelector("form[data-assign-me]");
      if (!form) return;
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "?" && help) {
      event.preventDefault();
      help.showModal();
    }
  });
})();
