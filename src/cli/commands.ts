import crypto from "node:crypto";
import { BACKGROUND_JOBS, bootPlatform, prepareApp } from "../boot.ts";
import { loadDemo } from "../demo.ts";
import { addUser, createOrganisation, type Role } from "../modules/accounts/accounts.service.ts";
import { loadSeedContent as loadLibrarySeed } from "../modules/library/library-seed.ts";
import { verifyAudit } from "../platform/audit/audit.ts";
import type { Config } from "../platform/config.ts";
import { migrateOrThrow, migrateToLatest } from "../platform/db/migrate.ts";
import { AppError } from "../platform/http/errors.ts";
import { runDueJobs, startJobRunner } from "../platform/jobs/job-runner.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);

/** `lantern serve`: migrate, load demo data if asked, listen, and shut down cleanly on a signal. */
export async function serveCommand(config: Config, opts: { demo: boolean }): Promise<void> {
  const booted = bootPlatform(config);
  const { platform } = booted;
  await migrateOrThrow(platform.db);
  const demo = opts.demo ? await loadDemo(platform) : undefined;
  const app = await prepareApp(platform);
  await app.listen({ host: config.host, port: config.port });
  const address = `http://localhost:${config.port}`;
  out("");
  out(`Lantern is running at ${address}`);
  if (demo) {
    out("");
    out("  DEMO DATA: the organisations and reports are samples. Do not use this instance for real reports.");
    out(`  Staff console:    ${address}/staff/login`);
    out(`  Demo coordinator: ${demo.email}`);
    out(`  Password:         ${demo.password}`);
    out("  Two-factor:       set up at first sign-in with any authenticator app (a QR code is shown)");
    if (demo.editorEmail) out(`  Library editor:   ${demo.editorEmail} (same password; reviews the library)`);
    if (demo.circleCode)
      out(`  Sample circle:    join at ${address}/circles/join with the code ${demo.circleCode}`);
    if (demo.receiptCode) out(`  Sample receipt:   ${demo.receiptCode} (try it at ${address}/follow-up)`);
  }
  out("");
  const jobs = startJobRunner(platform, BACKGROUND_JOBS);
  const stop = async () => {
    await jobs.stop();
    await app.close();
    await booted.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** `lantern migrate`: applies pending migrations and lists them. */
export async function migrateCommand(config: Config): Promise<void> {
  const booted = bootPlatform(config);
  try {
    const { error, results = [] } = await migrateToLatest(booted.platform.db);
    for (const r of results)
      out(`${r.status === "Success" ? "applied" : r.status.toLowerCase()}  ${r.migrationName}`);
    if (error) throw error instanceof Error ? error : new Error(String(error));
    if (results.length === 0) out("The database is up to date.");
  } finally {
    await booted.close();
  }
}

/** `lantern audit verify`: walks the hash chain; exits 1 and names each bad row when it is broken. */
export async function auditVerifyCommand(config: Config): Promise<void> {
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const { rows, problems } = await verifyAudit(booted.platform);
    if (problems.length === 0) {
      out(`Audit log intact: ${rows} rows, chain verified.`);
      return;
    }
    for (const p of problems) out(`row ${p.seq}: ${p.problem}: ${p.message}`);
    out(`Audit log BROKEN: ${problems.length} problem(s) in ${rows} rows.`);
    process.exitCode = 1;
  } finally {
    await booted.close();
  }
}

/** `lantern library seed`: loads the shipped library content not yet in the database (run once per deployment). */
export async function librarySeedCommand(config: Config): Promise<void> {
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const { added, skipped } = await loadLibrarySeed(booted.platform);
    out(`Library: added ${added} item(s); ${skipped} already present were left as they are.`);
  } finally {
    await booted.close();
  }
}

/** `lantern demo`: loads the sample data once and prints the demo login. */
export async function demoCommand(config: Config): Promise<void> {
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const demo = await loadDemo(booted.platform);
    out(`Demo coordinator: ${demo.email}`);
    out(`Password:         ${demo.password}`);
    if (demo.editorEmail) out(`Library editor:   ${demo.editorEmail} (same password)`);
    if (demo.circleCode) out(`Sample circle:    code ${demo.circleCode} at /circles/join`);
    if (demo.receiptCode) out(`Sample receipt:   ${demo.receiptCode}`);
  } finally {
    await booted.close();
  }
}

export async function addOrganisationCommand(
  config: Config,
  opts: { slug: string; name: string; countries: string; default?: boolean; hotline?: string },
): Promise<void> {
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const countries = opts.countries
      .split(",")
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    await createOrganisation(booted.platform, {
      slug: opts.slug,
      name: opts.name,
      countries,
      isDefault: Boolean(opts.default),
      hotlinePhone: opts.hotline,
    });
    out(`Added organisation ${opts.slug}${countries.length ? ` covering ${countries.join(", ")}` : ""}.`);
  } catch (error) {
    throw error instanceof AppError ? new Error(error.message) : error;
  } finally {
    await booted.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export async function addUserCommand(
  config: Config,
  opts: {
    org: string;
    email: string;
    name: string;
    role: Role;
    passwordStdin?: boolean;
    superadmin?: boolean;
  },
): Promise<void> {
  const password = opts.passwordStdin ? await readStdin() : crypto.randomBytes(15).toString("base64url");
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    await addUser(booted.platform, {
      organisationSlug: opts.org,
      email: opts.email,
      name: opts.name,
      password,
      role: opts.role,
      isSuperadmin: Boolean(opts.superadmin),
    });
    out(
      `Added ${opts.superadmin ? "superadmin " : ""}${opts.role} ${opts.email.toLowerCase()} to ${opts.org}.`,
    );
    if (!opts.passwordStdin) out(`Password (shown once): ${password}`);
  } catch (error) {
    throw error instanceof AppError ? new Error(error.message) : error;
  } finally {
    await booted.close();
  }
}

/** `lantern jobs run-once`: runs every background job that is due, once, and exits (for cron). */
export async function jobsRunOnceCommand(config: Config): Promise<void> {
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const outcomes = await runDueJobs(booted.platform, BACKGROUND_JOBS);
    if (outcomes.length === 0) out("No job is due.");
    for (const o of outcomes) {
      const facts = Object.entries(o.result ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
      out(o.ok ? `ran     ${o.name} ${facts}` : `FAILED  ${o.name}: ${o.error}`);
      if (!o.ok) process.exitCode = 1;
    }
  } finally {
    await booted.close();
  }
}
