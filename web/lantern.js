// Lantern's only script on public pages. Everything works without it; it makes leaving faster and safer.
(() => {
  const exit = document.querySelector("[data-quick-exit]");
  if (exit) {
    const leave = (event) => {
      if (event) event.preventDefault();
      // Blank the page at once, then replace this history entry so "Back" does not return here.
      document.body.style.display = "none";
      document.title = "";
      window.location.replace(exit.getAttribute("href"));
    };
    exit.addEventListener("click", leave);
    // A reporter may be typing when someone looks over her shoulder: Escape always leaves. In the staff
    // console, Escape in a field must not throw away a note or a reply being written (the button still
    // leaves at once).
    const console = document.body.hasAttribute("data-console");
    const typing = (el) =>
      el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (console && typing(event.target)) return;
      leave(event);
    });
  }
  // Move focus to the error summary so screen readers announce what needs fixing.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
