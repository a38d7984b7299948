import crypto from "node:crypto";

let lastMs = 0;
let counter = 0;

/** A time-ordered unique id (ms timestamp, a counter, then randomness) so rows sort in creation order. */
export function newId(): string {
  const ms = Date.now();
  counter = ms === lastMs ? counter + 1 : 0;
  lastMs = ms;
  return `${ms.toString(16).padStart(12, "0")}${(counter & 0xffff).toString(16).padStart(4, "0")}${crypto
    .randomBytes(8)
    .toString("hex")}`;
}
