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
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) leave(event);
    });
  }
  // Move focus to the error summary so screen readers announce what needs fixing.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
