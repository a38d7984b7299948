// Lantern's only script on public pages. Everything works without it; it makes leaving faster and safer
// (and keeps a circle facilitator's console up to date).
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
  // A circle facilitator's console: its live part refreshes from the server every few seconds, unless
  // the facilitator is typing, choosing or has a moderation panel open in it. Without JavaScript, reload.
  const live = document.querySelector("[data-live-region][data-live-refresh]");
  if (live && window.fetch && window.DOMParser) {
    const every = Math.max(5, Number(live.getAttribute("data-live-refresh")) || 10) * 1000;
    const busy = () =>
      live.contains(document.activeElement) ||
      live.querySelector("details[open], input[type=checkbox]:checked") !== null;
    setInterval(async () => {
      if (document.hidden || busy()) return;
      try {
        const res = await fetch(window.location.pathname, { credentials: "same-origin" });
        if (!res.ok) return;
        const fresh = new DOMParser()
          .parseFromString(await res.text(), "text/html")
          .querySelector("[data-live-region]");
        if (fresh && !busy()) live.replaceChildren(...document.adoptNode(fresh).childNodes);
      } catch {
        // Offline for a moment: the next turn tries again.
      }
    }, every);
  }
  // Move focus to the error summary so screen readers announce what needs fixing.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
