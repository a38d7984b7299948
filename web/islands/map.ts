// The hotspot map island (see src/modules/linking/views/map-page.tsx): a tooltip on hover and on keyboard
// focus for every country or city with a count, and zoom buttons. The map, its legend and the table of
// the same numbers are in the markup: without this script only the tooltips and zoom are missing.

function start(wrap: HTMLElement): void {
  const svg = wrap.querySelector<SVGSVGElement>("svg[data-map]");
  if (!svg) return;
  const [x0 = 0, y0 = 0, w0 = 960, h0 = 470] = (svg.getAttribute("viewBox") ?? "").split(" ").map(Number);
  let view = { x: x0, y: y0, w: w0, h: h0 };
  const setView = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);

  const tip = document.createElement("div");
  tip.className = "map-tooltip";
  tip.hidden = true;
  tip.setAttribute("aria-hidden", "true");
  wrap.append(tip);
  const marks = Array.from(svg.querySelectorAll<SVGGraphicsElement>("[data-label]"));
  const show = (mark: SVGGraphicsElement) => {
    tip.textContent = mark.dataset.label ?? "";
    const box = mark.getBoundingClientRect();
    const outer = wrap.getBoundingClientRect();
    tip.hidden = false;
    // Positioned from script (CSSOM), which a strict CSP allows, unlike a style attribute in markup.
    tip.style.left = `${Math.max(0, box.left - outer.left + box.width / 2 - tip.offsetWidth / 2)}px`;
    tip.style.top = `${Math.max(0, box.top - outer.top - tip.offsetHeight - 6)}px`;
  };
  const hide = () => {
    tip.hidden = true;
  };
  for (const mark of marks) {
    mark.setAttribute("tabindex", "0");
    mark.addEventListener("mouseenter", () => show(mark));
    mark.addEventListener("focus", () => show(mark));
    mark.addEventListener("mouseleave", hide);
    mark.addEventListener("blur", hide);
  }
  svg.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !tip.hidden) {
      event.stopPropagation();
      hide();
    }
  });

  const zoom = (factor: number) => {
    const cx = view.x + view.w / 2;
    const cy = view.y + view.h / 2;
    const w = Math.min(w0, Math.max(w0 / 16, view.w * factor));
    const h = (w / w0) * h0;
    view = {
      x: Math.min(x0 + w0 - w, Math.max(x0, cx - w / 2)),
      y: Math.min(y0 + h0 - h, Math.max(y0, cy - h / 2)),
      w,
      h,
    };
    setView();
    hide();
  };
  // Clicking the map centres it there: a cheap pan that works with a mouse or a touch.
  svg.addEventListener("click", (event) => {
    if (view.w === w0) return;
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const at = point.matrixTransform(svg.getScreenCTM()?.inverse());
    view.x = Math.min(x0 + w0 - view.w, Math.max(x0, at.x - view.w / 2));
    view.y = Math.min(y0 + h0 - view.h, Math.max(y0, at.y - view.h / 2));
    setView();
  });
  const bar = document.createElement("div");
  bar.className = "map-zoom";
  const labels = wrap.dataset;
  for (const [text, factor] of [
    [labels.zoomIn ?? "+", 0.5],
    [labels.zoomOut ?? "−", 2],
    [labels.zoomReset ?? "⟲", 0],
  ] as const) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = text;
    button.addEventListener("click", () => {
      if (factor === 0) {
        view = { x: x0, y: y0, w: w0, h: h0 };
        setView();
      } else zoom(factor);
    });
    bar.append(button);
  }
  wrap.before(bar);
}

for (const wrap of Array.from(document.querySelectorAll<HTMLElement>("[data-map-island]"))) start(wrap);
