import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { LOCALES } from "../i18n/i18n.ts";
import type { PageContext } from "./context.ts";

interface LayoutProps {
  readonly ctx: PageContext;
  /** A neutral title: nothing in a browser tab or history should reveal what the visitor was doing. */
  readonly title: string;
  /** On a multi-step form, the switcher re-submits that form so nothing typed is lost. */
  readonly formId?: string;
  /** Hide the language switcher: on a page that cannot be shown again (the receipt), leaving it loses it. */
  readonly noLanguageSwitch?: boolean;
  /** The form's main action, so Enter in a field continues rather than switching language. */
  readonly formDefault?: { readonly name: string; readonly value: string };
  readonly children: ComponentChildren;
}

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: "English",
  es: "Español",
  fr: "Français",
  ar: "العربية",
};

function LanguageSwitcher({ ctx, formId }: { ctx: PageContext; formId?: string }) {
  const others = LOCALES.filter((l) => l !== ctx.i18n.locale);
  return (
    <nav class="languages" aria-label={ctx.t("layout.languages")}>
      <ul>
        {others.map((locale) => (
          <li key={locale}>
            {formId ? (
              <button
                type="submit"
                form={formId}
                name="switchLang"
                value={locale}
                formNoValidate
                lang={locale}
                class="link-button"
              >
                {LANGUAGE_NAMES[locale]}
              </button>
            ) : (
              <a href={ctx.href(ctx.path, { lang: locale })} lang={locale} hrefLang={locale}>
                {LANGUAGE_NAMES[locale]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** An action that changes state, as a one-button form that looks like a link (CSRF-protected). */
function PostButton({ action, csrf, label }: { action: string; csrf: string | undefined; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={csrf ?? ""} />
      <button type="submit" class="link-button">
        {label}
      </button>
    </form>
  );
}

export function Layout({ ctx, title, formId, formDefault, noLanguageSwitch, children }: LayoutProps) {
  const { t } = ctx;
  return (
    <html lang={ctx.i18n.locale} dir={ctx.i18n.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · Lantern`}</title>
        <link rel="stylesheet" href={`/assets/lantern.css?v=${ctx.assetVersion}`} />
        <link rel="icon" href="data:," />
        <script src={`/assets/lantern.js?v=${ctx.assetVersion}`} defer />
      </head>
      <body {...(ctx.staff ? { "data-console": "" } : {})}>
        {formId && formDefault && (
          // The first submit button in tree order is what Enter presses; it must not be a language button.
          <button
            type="submit"
            form={formId}
            name={formDefault.name}
            value={formDefault.value}
            class="default-action"
            tabIndex={-1}
            aria-hidden="true"
          />
        )}
        <a class="skip-link" href="#main">
          {t("layout.skip")}
        </a>
        <header class="site-header">
          <a class="brand" href={ctx.href("/")}>
            Lantern
          </a>
          {!noLanguageSwitch && <LanguageSwitcher ctx={ctx} formId={formId} />}
          <a class="quick-exit" href={ctx.quickExitUrl} rel="noreferrer noopener" data-quick-exit="">
            {t("layout.quickExit")}
            <span class="quick-exit-hint">{t("layout.quickExitHint")}</span>
          </a>
        </header>
        {ctx.demo && (
          <p class="demo-banner" role="note">
            {t("layout.demo")}
          </p>
        )}
        {ctx.staff && (
          <div class="staff-bar">
            <span>
              {t("staff.signedInAs", { name: ctx.staff.name, organisation: ctx.staff.organisation })}
            </span>
            {ctx.staff.canReadReports !== false && (
              <a href={ctx.href("/staff/reports")}>{t("staff.reports")}</a>
            )}
            {ctx.staff.canIntake && <a href={ctx.href("/staff/reports/new")}>{t("workflow.intake.link")}</a>}
            {ctx.staff.canReadLinks && <a href={ctx.href("/staff/ads")}>{t("analyst.nav.ads")}</a>}
            {ctx.staff.canReadLinks && <a href={ctx.href("/staff/clusters")}>{t("analyst.nav.clusters")}</a>}
            {ctx.staff.canShare && (
              <a href={ctx.href("/staff/shares")}>
                {ctx.staff.pendingShares
                  ? t("workflow.shares.link", { count: ctx.staff.pendingShares })
                  : t("workflow.shares.nav")}
              </a>
            )}
            {ctx.staff.canReadLinks && <a href={ctx.href("/staff/map")}>{t("map.nav")}</a>}
            {ctx.staff.canUseLibrary && <a href={ctx.href("/staff/library")}>{t("library.console.nav")}</a>}
            {ctx.staff.canUseCircles && <a href={ctx.href("/staff/circles")}>{t("circles.nav")}</a>}
            <a href={ctx.href("/staff/account")}>{t("staff.nav.account")}</a>
            {ctx.staff.canManageUsers && <a href={ctx.href("/staff/admin/users")}>{t("staff.nav.users")}</a>}
            {ctx.staff.canManageOrganisation && (
              <a href={ctx.href("/staff/admin/organisation")}>{t("staff.nav.organisation")}</a>
            )}
            {ctx.staff.isSuperadmin && (
              <a href={ctx.href("/staff/admin/organisations")}>{t("staff.nav.organisations")}</a>
            )}
            {ctx.staff.canReadAudit && <a href={ctx.href("/staff/audit")}>{t("staff.auditLink")}</a>}
            <PostButton action="/staff/logout" csrf={ctx.csrf} label={t("staff.logout")} />
            <PostButton
              action="/staff/logout-everywhere"
              csrf={ctx.csrf}
              label={t("staff.logoutEverywhere")}
            />
          </div>
        )}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{t("layout.privacy")}</p>
          <p>
            <a href={ctx.href("/privacy")}>{t("layout.privacyLink")}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export function renderPage<P>(node: VNode<P>): string {
  return `<!doctype html>${renderToString(node)}`;
}
