import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: returns `v1.<iv>.<tag>.<ciphertext>` in base64url, bound to `aad` (the row it belongs to). */
export function seal(key: Buffer, plaintext: string | Buffer, aad: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Reverses `seal`; throws if the ciphertext, its tag or its `aad` do not match. */
export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
    throw new Error("Unrecognised ciphertext format");
  }
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
}

/**
 * The deployment's key ring: the master key wraps one data key per organisation; unwrapped data keys are
 * cached in memory so the hot path (a report submission) does one AES operation, not a key unwrap.
 */
export class KeyRing {
  readonly #master: Buffer;
  readonly #cache = new Map<string, Buffer>();

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32)
      throw new Error("The master key must be 32 bytes (base64 of 32 random bytes)");
    this.#master = masterKey;
  }

  /** Creates a fresh organisation data key and returns it wrapped for storage. */
  newWrappedDataKey(organisationId: string): string {
    return seal(this.#master, crypto.randomBytes(32), `org-key:${organisationId}`);
  }

  /** The organisation's data key, unwrapped (and cached). */
  dataKey(organisationId: string, wrapped: string): Buffer {
    let key = this.#cache.get(organisationId);
    if (!key) {
      key = open(this.#master, wrapped, `org-key:${organisationId}`);
      this.#cache.set(organisationId, key);
    }
    return key;
  }

  /** A deployment-wide secret for a named purpose, derived from the master key (HKDF-SHA256). */
  derive(purpose: string, bytes = 32): Buffer {
    return Buffer.from(crypto.hkdfSync("sha256", this.#master, Buffer.alloc(0), `lantern:${purpose}`, bytes));
  }
}

/**
 * Reads the master key from `LANTERN_MASTER_KEY`, or from `<dataDir>/master.key`, creating that file
 * (mode 0600) on the embedded default's first run.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decodeKey(configured, "LANTERN_MASTER_KEY");
  const file = path.join(dataDir, "master.key");
  if (fs.existsSync(file)) return decodeKey(fs.readFileSync(file, "utf8").trim(), file);
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return key;
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error(`${where} must hold 32 bytes encoded in base64`);
  return key;
}
