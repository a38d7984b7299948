import Tokens from "@fastify/csrf";
import type { FastifyReply, FastifyRequest } from "fastify";

const tokens = Tokens();
export const CSRF_COOKIE = "lantern_csrf";
export const CSRF_FIELD = "_csrf";

/**
 * Double-submit CSRF protection: a random secret in an HttpOnly, SameSite=Strict session cookie, and a token
 * derived from it in every form. This cookie is the only one a reporter gets before submitting.
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  let secret = request.cookies[CSRF_COOKIE];
  if (!secret || secret.length > 100) {
    secret = tokens.secretSync();
    reply.setCookie(CSRF_COOKIE, secret, { httpOnly: true, sameSite: "strict", secure, path: "/" });
    // Let the rest of this request see the same secret.
    request.cookies[CSRF_COOKIE] = secret;
  }
  return tokens.create(secret);
}

/** True when the submitted token matches the cookie's secret. */
export function csrfValid(request: FastifyRequest, submitted: unknown): boolean {
  const secret = request.cookies[CSRF_COOKIE];
  return typeof secret === "string" && typeof submitted === "string" && tokens.verify(secret, submitted);
}
