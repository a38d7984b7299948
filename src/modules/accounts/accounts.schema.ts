import { z } from "zod";

/** The JSON error body of every `/api` failure. */
export const AccountsApiErrorSchema = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});

/** `GET /api/v1/me`: who the credential belongs to and what it may do. */
export const MeSchema = z.object({
  name: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  role: z.string(),
  scopes: z.array(z.enum(["read", "write"])),
  authentication: z.enum(["session", "token"]),
});

/** The API token form. */
export const TokenFormSchema = z.object({
  name: z.string().max(200).default(""),
  access: z.string().max(10).default("read"),
  expiresOn: z.string().max(20).default(""),
});
