import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan, can } from "../accounts/permissions.ts";
import * as repo from "./library.repository.ts";
import { searchIndexFor } from "./library-search.ts";

/** Who may see and change a library item in the console, and the workflow steps every change shares. */

export const notFound = () => new AppError("library_item_not_found", 404, "No such library item");

export const isEditor = (scope: StaffScope) => can(scope.role, "library.edit");

/** Whether someone may see an item in the console: editors see all, others their own items. */
export function assertMaySee(scope: StaffScope, item: repo.ItemRow): void {
  if (isEditor(scope)) return;
  assertCan(scope, "library.submit");
  if (item.author_id !== scope.userId) throw notFound();
}

export async function lockedItem(
  p: Platform,
  trx: Executor,
  scope: StaffScope,
  id: string,
): Promise<repo.ItemRow> {
  const item = await repo.itemForUpdate(trx, id, p.dialect.name === "postgres");
  if (!item || item.type === "term") throw notFound();
  assertMaySee(scope, item);
  return item;
}

/** The version an editor works on: the pending revision of a published item, or the item's own. */
export const headVersion = (item: repo.ItemRow) => item.pending_version ?? item.version;

/** The workflow state of what an editor works on. */
export const headStatus = (item: repo.ItemRow) => item.pending_status ?? item.status;

export function review(
  trx: Executor,
  item: repo.ItemRow,
  version: number,
  scope: StaffScope | null,
  decision: string,
  comment: string,
  at: string,
  anonymisationChecked = false,
) {
  return repo.insertReview(trx, {
    id: newId(),
    item_id: item.id,
    version,
    editor_id: scope?.userId ?? null,
    decision,
    anonymisation_checked: anonymisationChecked ? 1 : 0,
    comment,
    created_at: at,
  });
}

export async function unpublish(
  p: Platform,
  trx: Executor,
  item: repo.ItemRow,
  scope: StaffScope | null,
  decision: string,
  comment: string,
): Promise<void> {
  const at = now();
  await repo.updateItem(trx, item.id, {
    status: "archived",
    pending_version: null,
    pending_status: null,
    updated_at: at,
  });
  await searchIndexFor(p.dialect.name).remove(trx, item.id);
  await review(trx, item, item.version, scope, decision, comment, at);
}
