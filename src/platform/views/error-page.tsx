import type { MessageKey } from "../i18n/i18n.ts";
import type { PageContext } from "./context.ts";
import { Layout } from "./layout.tsx";

/** The friendly page for an error on an HTML route: what happened, in plain words, and a way on. */
export function ErrorPage({ ctx, messageKey }: { ctx: PageContext; messageKey: MessageKey }) {
  return (
    <Layout ctx={ctx} title={ctx.t("error.title")}>
      <h1>{ctx.t("error.title")}</h1>
      <p>{ctx.t(messageKey)}</p>
      <p>
        <a href={ctx.href("/")}>{ctx.t("error.home")}</a>
      </p>
    </Layout>
  );
}
