import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../../platform/http/errors.ts";

export const MIN_PASSWORD_LENGTH = 12;

// ~49,000 common passwords from @zxcvbn-ts/language-common (MIT), compared case-insensitively.
let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set((dictionary["passwords-common"] as readonly string[]).map((w) => w.toLowerCase()));
  return common;
}

export type PasswordProblem = "too_short" | "common" | "personal";

/** What is wrong with a new password, or undefined when it may be used. */
export function passwordProblem(
  password: string,
  context: { readonly email?: string; readonly organisationName?: string } = {},
): PasswordProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "too_short";
  const lower = password.trim().toLowerCase();
  if (commonPasswords().has(lower)) return "common";
  const email = context.email?.trim().toLowerCase() ?? "";
  const org = context.organisationName?.trim().toLowerCase() ?? "";
  const personal = [email, email.split("@")[0] ?? "", org, org.replace(/\s+/g, "")].filter(Boolean);
  if (personal.includes(lower) || personal.includes(lower.replace(/\s+/g, ""))) return "personal";
  return undefined;
}

const MESSAGES: Readonly<Record<PasswordProblem, string>> = {
  too_short: `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`,
  common: "That password is on the list of common passwords; choose another",
  personal: "A password cannot be your email address or your organisation's name",
};

/** Throws `weak_password` (400), with the problem as its field detail, unless the password may be used. */
export function assertStrongPassword(
  password: string,
  context: { readonly email?: string; readonly organisationName?: string } = {},
  field = "password",
): void {
  const problem = passwordProblem(password, context);
  if (!problem) return;
  throw new AppError("weak_password", 400, MESSAGES[problem], [
    { field, code: problem, message: MESSAGES[problem] },
  ]);
}
