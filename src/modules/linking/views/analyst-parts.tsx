import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";
import type { Segment } from "../ad-explanation.ts";
import type { TimeBucket } from "../cluster-facts.ts";

/** A time as the console shows it; a value that is not a date (an imported field) is shown as written. */
export function when(ctx: PageContext, iso: string | null | undefined): string {
  if (!iso) return ctx.t("analyst.unknown");
  return Number.isNaN(Date.parse(iso)) ? iso : ctx.i18n.dateTime(iso);
}

/** The day of a time, shorter than `when` (for tables); a value that is not a date is shown as written. */
export function dayOf(ctx: PageContext, iso: string | null | undefined): string {
  if (!iso) return ctx.t("analyst.unknown");
  return Number.isNaN(Date.parse(iso)) ? iso : day(ctx, new Date(iso).toISOString().slice(0, 10));
}

/** A day (YYYY-MM-DD) in the visitor's language. */
export function day(ctx: PageContext, isoDay: string): string {
  return new Intl.DateTimeFormat(ctx.i18n.locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}

/** "Leeds, United Kingdom" (either part may be missing). */
export function placeName(ctx: PageContext, city: string | null, country: string | null): string {
  const parts = [
    city,
    country && /^[A-Za-z]{2}$/.test(country) ? ctx.i18n.country(country.toUpperCase()) : country,
  ];
  const named = parts.filter((p): p is string => !!p);
  return named.length > 0 ? named.join(", ") : ctx.t("analyst.unknown");
}

/** Text with its matched spans in `<mark>`. */
export function Marked({ segments }: { segments: readonly Segment[] }) {
  return (
    <>{segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>
  );
}

/** The evidence tier in words (never colour alone). */
export function tierLabel(ctx: PageContext, tier: string): string {
  return ctx.t(`analyst.tier.${tier}` as MessageKey);
}

export function identifierTypeLabel(ctx: PageContext, type: string): string {
  const key = `analyst.idType.${type}`;
  const label = ctx.t(key as MessageKey);
  return label === key ? type : label;
}

const CHART = { width: 640, height: 160, top: 10, bottom: 24, left: 32 } as const;

/**
 * Items per week (or month) as a server-rendered SVG bar chart, described for screen readers by the
 * table that follows it (the chart itself is `aria-hidden`): no JavaScript needed.
 */
export function TimelineChart({
  ctx,
  unit,
  buckets,
}: {
  ctx: PageContext;
  unit: "week" | "month";
  buckets: readonly TimeBucket[];
}) {
  if (buckets.length === 0) return <p>{ctx.t("analyst.cluster.noTimeline")}</p>;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const plotWidth = CHART.width - CHART.left;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = plotWidth / buckets.length;
  const bar = Math.max(1, slot * 0.8);
  const first = buckets[0] as TimeBucket;
  const last = buckets[buckets.length - 1] as TimeBucket;
  const unitLabel = ctx.t(unit === "week" ? "analyst.cluster.week" : "analyst.cluster.month");
  return (
    <figure class="timeline-chart">
      <svg
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        role="img"
        aria-labelledby="timeline-caption"
        focusable="false"
      >
        <text x="0" y={CHART.top + 8} class="chart-label">
          {max}
        </text>
        <text x="0" y={CHART.height - CHART.bottom} class="chart-label">
          0
        </text>
        <line
          x1={CHART.left}
          x2={CHART.width}
          y1={CHART.height - CHART.bottom}
          y2={CHART.height - CHART.bottom}
          class="chart-axis"
        />
        {buckets.map((b, i) => {
          const height = (b.count / max) * plotHeight;
          return (
            <rect
              key={b.start}
              x={CHART.left + i * slot + (slot - bar) / 2}
              y={CHART.height - CHART.bottom - height}
              width={bar}
              height={height}
              class="chart-bar"
            >
              <title>{`${day(ctx, b.start)}: ${b.count}`}</title>
            </rect>
          );
        })}
        <text x={CHART.left} y={CHART.height - 6} class="chart-label">
          {day(ctx, first.start)}
        </text>
        <text x={CHART.width} y={CHART.height - 6} class="chart-label chart-label-end">
          {day(ctx, last.start)}
        </text>
      </svg>
      <figcaption id="timeline-caption">
        {ctx.t("analyst.cluster.timelineCaption", { unit, count: buckets.length })}
      </figcaption>
      <details class="chart-table">
        <summary>{ctx.t("analyst.cluster.timelineTable")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{unitLabel}</th>
              <th scope="col">{ctx.t("analyst.cluster.items")}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <td>{day(ctx, b.start)}</td>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
