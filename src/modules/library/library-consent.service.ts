import { z } from "zod";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./library.repository.ts";
import { lockedItem, review, unpublish } from "./library-access.ts";
import { LibraryInvalid, problem } from "./library-content.ts";

/**
 * A survivor's story's consent: recorded by an editor (where the signed form is kept is sealed), and its
 * withdrawal, which takes the story off the site and out of search in the same transaction.
 */

export const CONSENT_METHODS = ["written", "recorded_verbal", "through_organisation"] as const;

export const ConsentInput = z.object({
  method: z.enum(CONSENT_METHODS),
  givenOn: z.iso.date(),
  scope: z.string().trim().max(1000),
  reference: z.string().trim().min(1).max(500),
});

export type ConsentInput = z.input<typeof ConsentInput>;

export const consentAad = (itemId: string) => `library-consent:${itemId}`;

export const consentKey = (p: Platform) => p.keys.derive("library-consent");

/**
 * Records a survivor's consent to publish their story: how it was given, when, what it covers, and where
 * the signed form or recording is kept (sealed). A new record replaces a withdrawn one.
 */
export async function recordConsent(
  p: Platform,
  scope: StaffScope,
  id: string,
  input: ConsentInput,
): Promise<void> {
  assertCan(scope, "library.edit");
  const parsed = ConsentInput.safeParse(input);
  if (!parsed.success)
    throw new LibraryInvalid(
      parsed.error.issues.map((i) => problem(String(i.path[0] ?? "consent"), "consent")),
    );
  const given = parsed.data;
  if (given.givenOn > now().slice(0, 10)) throw new LibraryInvalid([problem("givenOn", "consent")]);
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    if (item.type !== "story")
      throw new AppError("library_not_story", 409, "Only a story has a consent record");
    const at = now();
    await repo.putConsent(trx, {
      item_id: id,
      method: given.method,
      given_on: given.givenOn,
      scope: given.scope,
      reference_sealed: seal(consentKey(p), given.reference, consentAad(id)),
      recorded_by: scope.userId,
      recorded_at: at,
      withdrawn_at: null,
      withdrawn_by: null,
    });
    await review(trx, item, item.version, scope, "consent_recorded", "", at);
    await appendAudit(
      p,
      byStaff(scope, "library.consent_record", { targetType: "library_item", targetId: id }),
      trx,
    );
  });
}

/** The survivor withdrew consent: the story leaves the site and search in the same transaction. */
export async function withdrawConsent(
  p: Platform,
  scope: StaffScope,
  id: string,
  comment = "",
): Promise<void> {
  assertCan(scope, "library.edit");
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    const consent = await repo.consent(trx, id);
    if (item.type !== "story" || !consent || consent.withdrawn_at)
      throw new AppError("library_no_consent", 409, "There is no consent to withdraw");
    await repo.withdrawConsent(trx, id, scope.userId, now());
    await unpublish(p, trx, item, scope, "consent_withdrawn", comment.trim().slice(0, 2000));
    await appendAudit(
      p,
      byStaff(scope, "library.consent_withdraw", { targetType: "library_item", targetId: id }),
      trx,
    );
  });
}
