import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import {
  type Counts,
  choroplethClasses,
  type Hotspots,
  levelOf,
  MAP_ITEMS,
  MAP_PERIODS,
} from "../map.service.ts";
import { MAP_HEIGHT, MAP_WIDTH, type WorldMap } from "../world-map.ts";

/** The largest city circle's radius (viewBox units); circles grow with the square root of the count. */
const MAX_RADIUS = 9;

/** The hotspot map: filters, a server-rendered SVG (choropleth + city circles), its legend, and a table. */
export function MapPage({ ctx, spots, world }: { ctx: PageContext; spots: Hotspots; world: WorldMap }) {
  const { t } = ctx;
  const shown = (c: Counts) =>
    spots.items === "reports" ? c.reports : spots.items === "ads" ? c.ads : c.reports + c.ads;
  const describe = (name: string, c: Counts) =>
    t("map.itemCounts", { place: name, reports: c.reports, ads: c.ads, items: spots.items });
  const byCountry = new Map(spots.countries.map((c) => [c.code, c]));
  const maxCountry = Math.max(0, ...spots.countries.map(shown));
  const maxCity = Math.max(0, ...spots.cities.map(shown));
  const classes = choroplethClasses(maxCountry);
  const title = t("map.title");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t("map.intro")}</p>
      <form method="get" action="/staff/map" class="inline-search" aria-label={t("map.filters")}>
        {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
        <div>
          <label for="map-items">{t("map.items")}</label>
          <select id="map-items" name="items">
            {MAP_ITEMS.map((v) => (
              <option key={v} value={v} selected={v === spots.items}>
                {t(`map.items.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="map-period">{t("map.period")}</label>
          <select id="map-period" name="period">
            {MAP_PERIODS.map((v) => (
              <option key={v} value={v} selected={v === spots.period}>
                {v === "all" ? t("map.period.all") : t("map.period.days", { days: Number(v) })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t("map.apply")}
        </button>
      </form>
      <figure class="map-figure" aria-labelledby="map-caption">
        <div
          class="map-wrap"
          data-map-island=""
          data-zoom-in={t("map.zoomIn")}
          data-zoom-out={t("map.zoomOut")}
          data-zoom-reset={t("map.zoomReset")}
        >
          <svg
            class="map-svg"
            viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
            aria-labelledby="map-svg-title"
            data-map=""
          >
            <title id="map-svg-title">{t("map.svgTitle")}</title>
            <g data-map-layer="">
              {world.countries.map((shape, i) => {
                const counts = shape.code ? byCountry.get(shape.code) : undefined;
                const n = counts ? shown(counts) : 0;
                const name = shape.code ? ctx.i18n.country(shape.code) : shape.name;
                const label = counts && n > 0 ? describe(name, counts) : undefined;
                return (
                  <path
                    key={`${shape.code ?? shape.name}-${i}`}
                    class={`country level-${levelOf(n, maxCountry)}`}
                    d={shape.d}
                    {...(label ? { "data-label": label } : {})}
                  >
                    {label && <title>{label}</title>}
                  </path>
                );
              })}
              {spots.cities.map((c) => {
                const n = shown(c);
                if (n === 0) return null;
                const [x, y] = world.project(c.city.lon, c.city.lat);
                const label = describe(c.city.name, c);
                return (
                  <circle
                    key={`${c.city.country}-${c.city.name}`}
                    class="city"
                    cx={x}
                    cy={y}
                    r={Math.round((2.5 + MAX_RADIUS * Math.sqrt(n / Math.max(1, maxCity))) * 10) / 10}
                    data-label={label}
                  >
                    <title>{label}</title>
                  </circle>
                );
              })}
            </g>
          </svg>
        </div>
        <figcaption id="map-caption">
          <ul class="map-legend" aria-label={t("map.legend")}>
            <li>
              <span class="swatch level-0" aria-hidden="true" />
              {t("map.legend.none")}
            </li>
            {classes.map((c) => (
              <li key={c.level}>
                <span class={`swatch level-${c.level}`} aria-hidden="true" />
                {c.from === c.to
                  ? t("map.legend.exactly", { n: c.from })
                  : t("map.legend.range", { from: c.from, to: c.to })}
              </li>
            ))}
            {maxCity > 0 && (
              <li>
                <span class="swatch city-mark" aria-hidden="true" />
                {t("map.legend.city", { max: maxCity })}
              </li>
            )}
          </ul>
          <p>
            {t("map.totals", {
              reports: spots.totals.reports,
              ads: spots.totals.ads,
              items: spots.items,
            })}{" "}
            {t("map.withoutCity", { n: shown(spots.withoutCity) })}
          </p>
        </figcaption>
      </figure>
      <h2 id="map-table-countries">{t("map.byCountry")}</h2>
      <CountTable
        ctx={ctx}
        labelledBy="map-table-countries"
        placeHeading={t("map.country")}
        rows={spots.countries.map((c) => ({ key: c.code, place: ctx.i18n.country(c.code), counts: c }))}
      />
      <h2 id="map-table-cities">{t("map.byCity")}</h2>
      <CountTable
        ctx={ctx}
        labelledBy="map-table-cities"
        placeHeading={t("map.city")}
        rows={spots.cities.map((c) => ({
          key: `${c.city.country}-${c.city.name}`,
          place: `${c.city.name} (${ctx.i18n.country(c.city.country)})`,
          counts: c,
        }))}
      />
      <script type="module" src={`/assets/map.js?v=${ctx.assetVersion}`} />
    </Layout>
  );
}

function CountTable({
  ctx,
  labelledBy,
  placeHeading,
  rows,
}: {
  ctx: PageContext;
  labelledBy: string;
  placeHeading: string;
  rows: { key: string; place: string; counts: Counts }[];
}) {
  const { t } = ctx;
  if (rows.length === 0) return <p>{t("map.empty")}</p>;
  return (
    <table class="table" aria-labelledby={labelledBy} data-map-table="">
      <thead>
        <tr>
          <th scope="col">{placeHeading}</th>
          <th scope="col">{t("map.reports")}</th>
          <th scope="col">{t("map.ads")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.place}</th>
            <td>{r.counts.reports}</td>
            <td>{r.counts.ads}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
