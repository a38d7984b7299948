import crypto from "node:crypto";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError } from "../../platform/http/errors.ts";
import { LOCALES } from "../../platform/i18n/i18n.ts";
import type { Platform } from "../../platform/platform.ts";
import { organisationKey } from "../accounts/accounts.service.ts";
import * as repo from "./circles.repository.ts";
import { personalDataIn } from "./personal-data.ts";
import { AGE_GROUPS, KNOWLEDGE, SECTORS } from "./report-model.ts";

/**
 * Taking part in a circle, with no account: a participant joins with the circle's code and gets a random
 * token (kept in a cookie by the route; only its SHA-256 is stored), may describe themselves in broad,
 * optional terms, answers each question, and once they have answered one sees the others' responses to it
 * and may support (+1) those they agree with, once each. No address, no name, no device detail is kept.
 */

export const MAX_RESPONSE = 1000;
/** Join codes: no 0/O, 1/I/L, so they can be read aloud and typed from a screen. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(): string {
  const bytes = crypto.randomBytes(6);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** A code as typed: spaces and dashes dropped, upper case; anything else is not a code. */
export function normaliseCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]+/g, "").toUpperCase();
  return /^[A-Z0-9]{6}$/.test(code) ? code : undefined;
}

const tokenHash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
export const responseAad = (responseId: string, organisationId: string) =>
  `circle-response:${responseId}:${organisationId}`;
export const originalAad = (responseId: string, organisationId: string) =>
  `circle-response-original:${responseId}:${organisationId}`;

/** A response's text, opened with its organisation's key. */
export function responseText(
  key: Buffer,
  row: { id: string; text_sealed: string },
  organisationId: string,
): string {
  return open(key, row.text_sealed, responseAad(row.id, organisationId)).toString("utf8");
}

export interface PublicCircle {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly topic: string;
  readonly startsAt: string;
  readonly place: string;
  readonly online: boolean;
  readonly moderator: { name: string; affiliation: string };
  readonly languages: readonly string[];
  readonly status: string;
  readonly questions: readonly { id: string; position: number; text: string }[];
}

const notFound = () => new AppError("circle_not_found", 404, "No circle has this code");

/** The circle a code opens, as a participant sees it (a draft circle is not open yet: 404 too). */
export async function circleForCode(p: Platform, typed: string): Promise<PublicCircle> {
  const code = normaliseCode(typed);
  const row = code ? await repo.circleByCode(p.db, code) : undefined;
  if (!row || row.status === "draft") throw notFound();
  return {
    id: row.id,
    code: row.join_code,
    title: row.title,
    topic: row.topic,
    startsAt: row.starts_at,
    place: row.place,
    online: row.online === 1,
    moderator: { name: row.moderator_name, affiliation: row.moderator_affiliation },
    languages: JSON.parse(row.languages) as string[],
    status: row.status,
    questions: await repo.questions(p.db, row.id),
  };
}

export interface Profile {
  readonly ageGroup?: string;
  readonly knowledge?: string;
  readonly sector?: string;
}

const oneOf = (list: readonly string[], v: string | undefined) => (v && list.includes(v) ? v : null);

/** Joins an open circle; returns the token for the participant's cookie. */
export async function join(p: Platform, circle: PublicCircle, profile: Profile): Promise<string> {
  if (circle.status !== "open") throw new AppError("circle_closed", 409, "This circle is not taking answers");
  const token = crypto.randomBytes(24).toString("base64url");
  await repo.insertParticipant(p.db, {
    id: newId(),
    circle_id: circle.id,
    token_hash: tokenHash(token),
    age_group: oneOf(AGE_GROUPS, profile.ageGroup),
    knowledge: oneOf(KNOWLEDGE, profile.knowledge),
    sector: oneOf(SECTORS, profile.sector),
    joined_at: now(),
  });
  return token;
}

/** The participant a cookie token stands for in this circle, if any. */
export async function participantOf(p: Platform, circle: PublicCircle, token: string | undefined) {
  if (!token || token.length > 100) return undefined;
  return repo.participantByToken(p.db, circle.id, tokenHash(token));
}

export interface QuestionView {
  readonly question: { id: string; position: number; text: string };
  readonly mine: readonly { id: string; text: string; held: boolean }[];
  /** Everyone else's visible responses, once the participant has answered (undefined before). */
  readonly others?: readonly {
    id: string;
    text: string;
    language: string;
    supports: number;
    supported: boolean;
  }[];
}

async function circleKey(p: Platform, circleId: string) {
  const row = await repo.circleById(p.db, circleId);
  if (!row) throw notFound();
  return { key: await organisationKey(p, row.organisation_id), organisationId: row.organisation_id };
}

/** One question as a participant sees it: their own responses, then (after answering) the others'. */
export async function questionView(
  p: Platform,
  circle: PublicCircle,
  participantId: string,
  position: number,
): Promise<QuestionView> {
  const question = circle.questions.find((q) => q.position === position);
  if (!question) throw new AppError("circle_question_not_found", 404, "No such question");
  const { key, organisationId } = await circleKey(p, circle.id);
  const rows = await repo.responsesOfQuestion(p.db, question.id);
  const text = (r: repo.ResponseRow) =>
    open(key, r.text_sealed, responseAad(r.id, organisationId)).toString("utf8");
  const mine = rows
    .filter((r) => r.participant_id === participantId && r.status !== "merged")
    .map((r) => ({ id: r.id, text: text(r), held: r.status === "held" || r.status === "hidden" }));
  if (mine.length === 0) return { question, mine };
  const visible = rows.filter((r) => r.participant_id !== participantId && r.status === "visible");
  const supported = new Set(
    (
      await repo.supportedBy(
        p.db,
        participantId,
        visible.map((r) => r.id),
      )
    ).map((s) => s.response_id),
  );
  return {
    question,
    mine,
    others: visible.map((r) => ({
      id: r.id,
      text: text(r),
      language: r.language,
      supports: r.supports,
      supported: supported.has(r.id),
    })),
  };
}

export class ResponseInvalid extends AppError {
  constructor(readonly code: "empty" | "long" | "language") {
    super("circle_response_invalid", 400, "The response cannot be saved", [
      { field: code === "language" ? "language" : "text", code, message: code },
    ]);
  }
}

/**
 * Adds a response. Returns whether it was held because it looks like personal data (the participant is
 * told it will be read by the facilitator first).
 */
export async function respond(
  p: Platform,
  circle: PublicCircle,
  participantId: string,
  position: number,
  input: { text: string; language: string },
): Promise<{ held: boolean }> {
  if (circle.status !== "open") throw new AppError("circle_closed", 409, "This circle is not taking answers");
  const question = circle.questions.find((q) => q.position === position);
  if (!question) throw new AppError("circle_question_not_found", 404, "No such question");
  const text = input.text.replace(/\r\n/g, "\n").trim();
  if (text.length === 0) throw new ResponseInvalid("empty");
  if (text.length > MAX_RESPONSE) throw new ResponseInvalid("long");
  if (!(LOCALES as readonly string[]).includes(input.language)) throw new ResponseInvalid("language");
  const flags = personalDataIn(text);
  const { key, organisationId } = await circleKey(p, circle.id);
  const id = newId();
  await repo.insertResponse(p.db, {
    id,
    circle_id: circle.id,
    question_id: question.id,
    participant_id: participantId,
    language: input.language,
    text_sealed: seal(key, text, responseAad(id, organisationId)),
    original_sealed: null,
    status: flags.length > 0 ? "held" : "visible",
    flags: JSON.stringify(flags),
    merged_into: null,
    edited_by: null,
    edited_at: null,
    created_at: now(),
  });
  return { held: flags.length > 0 };
}

/** Supports another participant's visible response, once (a second +1 changes nothing). */
export async function support(
  p: Platform,
  circle: PublicCircle,
  participantId: string,
  responseId: string,
): Promise<void> {
  if (circle.status !== "open") throw new AppError("circle_closed", 409, "This circle is not taking answers");
  if (!/^[0-9a-f]{16,40}$/.test(responseId))
    throw new AppError("circle_response_not_found", 404, "No such response");
  const row = await repo.response(p.db, circle.id, responseId);
  if (row?.status !== "visible" || row.participant_id === participantId)
    throw new AppError("circle_response_not_found", 404, "No such response");
  // Only after answering the question: supports come from people who took part in it.
  if (!(await repo.hasAnswered(p.db, row.question_id, participantId)))
    throw new AppError("circle_answer_first", 409, "Answer the question before supporting others");
  await p.db.transaction().execute((trx) => repo.addSupport(trx, responseId, participantId, now()));
}
