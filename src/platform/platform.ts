import type { Logger } from "pino";
import type { CountryDirectory } from "../modules/countries/countries.service.ts";
import type { Config } from "./config.ts";
import type { KeyRing } from "./crypto/envelope.ts";
import type { DialectAdapter } from "./db/adapter.ts";
import type { Db } from "./db/database.ts";

/** The shared infrastructure services are given: built once at start-up (see boot.ts), never imported. */
export interface Platform {
  readonly config: Config;
  readonly db: Db;
  readonly dialect: DialectAdapter;
  readonly keys: KeyRing;
  readonly log: Logger;
  readonly countries: CountryDirectory;
  /** Key of the audit log's hash chain (derived from the master key). */
  readonly auditKey: Buffer;
  /** Deployment salt for receipt-code hashes (derived from the master key, so it survives restarts). */
  readonly receiptSalt: Buffer;
}

/** The acting staff member: every staff repository call takes it, so no query escapes its organisation. */
export interface StaffScope {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: string;
}
