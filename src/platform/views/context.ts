import type { Locale, MessageKey, MessageValues, Translator } from "../i18n/i18n.ts";

/** What every server-rendered page needs to know about the request it answers. */
export interface PageContext {
  readonly i18n: Translator;
  readonly t: (key: MessageKey, values?: MessageValues) => string;
  /** The locale the visitor chose explicitly (carried in links and forms), if any. */
  readonly chosenLocale: Locale | undefined;
  /** Path of the page, for the language switcher. */
  readonly path: string;
  readonly quickExitUrl: string;
  readonly demo: boolean;
  readonly assetVersion: string;
  /** CSRF token for the forms on the page. */
  readonly csrf?: string;
  /** The signed-in staff member, on console pages. */
  readonly staff?: {
    readonly name: string;
    readonly organisation: string;
    readonly canReadAudit?: boolean;
    /** Links to the staff intake form and to shares offered to the organisation. */
    readonly canIntake?: boolean;
    readonly canShare?: boolean;
    /** Shares waiting for an answer, when the page looked them up. */
    readonly pendingShares?: number;
    readonly canReadReports?: boolean;
    readonly canManageUsers?: boolean;
    readonly canManageOrganisation?: boolean;
    readonly isSuperadmin?: boolean;
    /** Links to the analyst console (ranked ads, clusters, map): `links.read`. */
    readonly canReadLinks?: boolean;
    /** Editors' library console, or one's own submissions: `library.submit`. */
    readonly canUseLibrary?: boolean;
    /** The circles console: `circle.facilitate`. */
    readonly canUseCircles?: boolean;
  };
  /** An internal link that keeps the visitor's language choice. */
  href(path: string, params?: Readonly<Record<string, string>>): string;
}

/** Builds `href` for a context: appends `lang` only when the visitor picked one. */
export function linkBuilder(chosen: Locale | undefined): PageContext["href"] {
  return (path, params = {}) => {
    const query = new URLSearchParams(params);
    if (chosen && !query.has("lang")) query.set("lang", chosen);
    const qs = query.toString();
    return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
  };
}
