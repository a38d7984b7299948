import crypto from "node:crypto";

/** A JSON value as a lead carries it: no floats other than integers, no undefined. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * Canonical JSON, the form a lead's hashes are computed over, so a receiver can check them: object
 * members sorted by key (UTF-16 code unit order, as JavaScript's default sort), no white space, strings
 * and numbers written as `JSON.stringify` writes them, arrays in their order. For a lead's values
 * (strings, integers, booleans, null) this is exactly the JSON Canonicalization Scheme, RFC 8785.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("not a JSON number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v as Json)).join(",")}]`;
  const object = value as { readonly [key: string]: Json };
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k] as Json)}`).join(",")}}`;
}

/** SHA-256 (lower-case hex) of a value's canonical JSON, as UTF-8. */
export function canonicalSha256(value: Json): string {
  return crypto.createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}
