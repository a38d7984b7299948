import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { Country } from "../../countries/countries.service.ts";

/** Shown once, after the report is committed: the only time the receipt code exists in the clear. */
export function ReceiptPage({
  ctx,
  code,
  country,
  danger,
}: {
  ctx: PageContext;
  code: string;
  country: Country | undefined;
  danger: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("receipt.title")} noLanguageSwitch>
      <div class="panel-success">
        <h1>{t("receipt.heading")}</h1>
        <p>{t("receipt.lead")}</p>
      </div>
      {danger && country && (
        <aside class="danger-panel danger-panel-on">
          <h2>{t("report.danger.panelTitle")}</h2>
          <p class="danger-number">
            {t("report.danger.panelNumber", {
              country: ctx.i18n.country(country.code),
              number: country.emergencyNumber,
            })}
          </p>
        </aside>
      )}
      <h2 id="receipt-label">{t("receipt.codeLabel")}</h2>
      <p class="receipt-code" data-receipt-code="">
        <span dir="ltr">{code}</span>
      </p>
      <p>
        <strong>{t("receipt.keep")}</strong>
      </p>
      <p class="hint">{t("receipt.print")}</p>
      <h2>{t("receipt.next")}</h2>
      <p>{t("receipt.nextText", { country: country ? ctx.i18n.country(country.code) : "" })}</p>
      <p>
        <a class="button button-secondary" href={ctx.href("/follow-up")}>
          {t("receipt.followUp")}
        </a>
      </p>
    </Layout>
  );
}

export function AlreadySentPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t("receipt.title")}>
      <h1>{ctx.t("receipt.heading")}</h1>
      <p>{ctx.t("receipt.alreadySent")}</p>
      <p>
        <a href={ctx.href("/follow-up")}>{ctx.t("receipt.followUp")}</a>
      </p>
    </Layout>
  );
}
