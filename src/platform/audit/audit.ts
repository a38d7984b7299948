import crypto from "node:crypto";
import type { DialectAdapter } from "../db/adapter.ts";
import { type Db, type Executor, now, type Trx } from "../db/database.ts";
import type { StaffScope } from "../platform.ts";

/**
 * The audit log: every read of sensitive content, change, login and export, appended as a row whose
 * `hash` is an HMAC (under a key derived from the master key) of its contents and the previous row's hash.
 * Editing, deleting, inserting or reordering rows breaks the chain, and someone with only the database
 * cannot forge a new one. A keyed "head" (last seq and hash) catches rows cut from the end.
 */
export interface AuditEntry {
  /** `user:<id>`, `reporter` or `system`: never an address or a name. */
  readonly actor: string;
  readonly organisationId?: string | null;
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** Non-sensitive facts only (ids, counts, reasons): never report content. */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** An event done by a staff member, in their organisation. */
export function byStaff(
  scope: StaffScope,
  action: string,
  rest: Omit<AuditEntry, "actor" | "action"> = {},
): AuditEntry {
  return { actor: `user:${scope.userId}`, organisationId: scope.organisationId, action, ...rest };
}

export interface AuditContext {
  readonly db: Db;
  readonly dialect: DialectAdapter;
  readonly auditKey: Buffer;
}

const GENESIS = "0".repeat(64);
// Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
const AUDIT_CHAIN_LOCK = 7_041_001;
const HEAD_KEY = "audit_head";

interface ChainFields {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly organisation_id: string | null;
  readonly action: string;
  readonly target_type: string | null;
  readonly target_id: string | null;
  readonly detail: string;
}

function rowHash(key: Buffer, prevHash: string, f: ChainFields): string {
  const canonical = JSON.stringify([
    f.seq,
    f.at,
    f.actor,
    f.organisation_id,
    f.action,
    f.target_type,
    f.target_id,
    f.detail,
    prevHash,
  ]);
  return crypto.createHmac("sha256", key).update(canonical).digest("hex");
}

function headValue(key: Buffer, seq: number, hash: string): string {
  const mac = crypto.createHmac("sha256", key).update(`head:${seq}:${hash}`).digest("hex");
  return `${seq}:${hash}:${mac}`;
}

async function appendIn(ctx: AuditContext, trx: Trx, entry: AuditEntry): Promise<void> {
  await ctx.dialect.lockChain(trx, AUDIT_CHAIN_LOCK);
  const last = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const fields: ChainFields = {
    seq: Number(last?.seq ?? 0) + 1,
    at: now(),
    actor: entry.actor,
    organisation_id: entry.organisationId ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS;
  const hash = rowHash(ctx.auditKey, prevHash, fields);
  await trx
    .insertInto("audit_log")
    .values({ ...fields, prev_hash: prevHash, hash })
    .execute();
  const head = headValue(ctx.auditKey, fields.seq, hash);
  await trx
    .insertInto("settings")
    .values({ key: HEAD_KEY, value: head })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: head }))
    .execute();
}

/**
 * Appends one event. Pass the transaction of the change being audited so both commit together; without
 * one, the event gets its own transaction.
 */
export async function appendAudit(ctx: AuditContext, entry: AuditEntry, trx?: Executor): Promise<void> {
  if (trx?.isTransaction) {
    await appendIn(ctx, trx as Trx, entry);
    return;
  }
  await ctx.db.transaction().execute((t) => appendIn(ctx, t, entry));
}

export interface AuditProblem {
  readonly seq: number;
  readonly problem: "missing" | "altered" | "out_of_chain" | "truncated" | "head_altered";
  readonly message: string;
}

export interface AuditVerification {
  readonly rows: number;
  readonly problems: readonly AuditProblem[];
}

/** Walks the whole chain and names every row that was altered, removed, inserted or moved. */
export async function verifyAudit(ctx: AuditContext, batch = 1000): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let expected = 1;
  let prev = GENESIS;
  let rows = 0;
  let lastSeq = 0;
  for (;;) {
    const page = await ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", lastSeq)
      .orderBy("seq")
      .limit(batch)
      .execute();
    for (const raw of page) {
      const row = { ...raw, seq: Number(raw.seq) };
      rows += 1;
      if (row.seq > expected) {
        const range = row.seq - 1 === expected ? `row ${expected}` : `rows ${expected} to ${row.seq - 1}`;
        problems.push({ seq: expected, problem: "missing", message: `${range} deleted` });
      }
      if (row.prev_hash !== prev) {
        problems.push({
          seq: row.seq,
          problem: "out_of_chain",
          message: `row ${row.seq} does not follow the row before it (a row was removed, inserted or moved)`,
        });
      }
      if (rowHash(ctx.auditKey, row.prev_hash, row) !== row.hash) {
        problems.push({ seq: row.seq, problem: "altered", message: `row ${row.seq} was altered` });
      }
      prev = row.hash;
      expected = row.seq + 1;
      lastSeq = row.seq;
    }
    if (page.length < batch) break;
  }
  const head = await ctx.db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", HEAD_KEY)
    .executeTakeFirst();
  if (head || rows > 0) {
    const [seqText = "", hash = ""] = (head?.value ?? "").split(":");
    const headSeq = Number(seqText);
    if (!head || head.value !== headValue(ctx.auditKey, headSeq, hash)) {
      problems.push({
        seq: lastSeq,
        problem: "head_altered",
        message: "the record of the last row was altered",
      });
    } else if (headSeq > lastSeq) {
      problems.push({
        seq: lastSeq + 1,
        problem: "truncated",
        message: `rows ${lastSeq + 1} to ${headSeq} were cut from the end`,
      });
    } else if (headSeq === lastSeq && hash !== prev) {
      problems.push({
        seq: lastSeq,
        problem: "altered",
        message: `row ${lastSeq} is not the last row recorded`,
      });
    }
  }
  return { rows, problems };
}

export interface AuditFilter {
  readonly organisationId: string;
  readonly action?: string;
  readonly actor?: string;
  /** ISO date (inclusive) and ISO date (exclusive of the next day). */
  readonly from?: string;
  readonly to?: string;
  /** Keyset pagination: rows older than this sequence number. */
  readonly beforeSeq?: number;
  readonly limit: number;
}

/** One organisation's audit rows, newest first. */
export function listAudit(db: Db, f: AuditFilter) {
  let q = db.selectFrom("audit_log").selectAll().where("organisation_id", "=", f.organisationId);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.actor) q = q.where("actor", "=", f.actor);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", f.to);
  if (f.beforeSeq !== undefined) q = q.where("seq", "<", f.beforeSeq);
  return q.orderBy("seq", "desc").limit(f.limit).execute();
}
