import { Command, InvalidArgumentError } from "commander";
import { ROLES, type Role } from "../modules/accounts/accounts.service.ts";
import { loadConfig } from "../platform/config.ts";
import { adsClustersCommand, adsImportCommand, adsResplitCommand } from "./ads.ts";
import {
  addOrganisationCommand,
  addUserCommand,
  auditVerifyCommand,
  demoCommand,
  jobsRunOnceCommand,
  librarySeedCommand,
  migrateCommand,
  serveCommand,
} from "./commands.ts";
import { extractCommand } from "./extract.ts";

const program = new Command()
  .name("lantern")
  .description("Lantern: safe, anonymous reporting of trafficking, and the tools to answer it.")
  .showHelpAfterError();

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port number, 0-65535");
  return n;
};

program
  .command("serve")
  .description("Start the web server (migrates the database first).")
  .option("--demo", "load clearly marked sample data on first start and print a demo login")
  .option("-p, --port <port>", "port to listen on (default: LANTERN_PORT or 8080)", port)
  .option("--host <host>", "address to bind (default: LANTERN_HOST or 127.0.0.1)")
  .action((opts: { demo?: boolean; port?: number; host?: string }) =>
    serveCommand(
      loadConfig(process.env, {
        ...(opts.port !== undefined && { port: opts.port }),
        ...(opts.host && { host: opts.host }),
      }),
      {
        demo: Boolean(opts.demo),
      },
    ),
  );

program
  .command("migrate")
  .description("Bring the database schema up to date and print each migration applied.")
  .action(() => migrateCommand(loadConfig()));

program
  .command("demo")
  .description(
    "Load sample organisations, a demo coordinator and sample reports (once), and print the login.",
  )
  .action(() => demoCommand(loadConfig()));

const region = (value: string) => {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new InvalidArgumentError("a two-letter country code, e.g. ES");
  return value.toUpperCase();
};

program
  .command("extract")
  .description(
    "Read a text on stdin (an ad, a report, a message) and print the identifiers in it (phones, emails, " +
      "sites, handles, payment identifiers, ages, prices) and the indicators it matches, with a 0-100 score.",
  )
  .option("--region <CC>", "country for numbers written without a country code", region)
  .option("--json", "print JSON: identifiers with spans, and the score with every matched rule")
  .action((opts: { region?: string; json?: boolean }) => extractCommand(opts));

const ads = program.command("ads").description("Online ads: import them, and see the clusters they form.");
const batchSize = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50_000) throw new InvalidArgumentError("a whole number, 1-50000");
  return n;
};
const workerCount = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError("a whole number, 0-64");
  return n;
};
ads
  .command("import")
  .description(
    "Import ads from a JSONL or CSV file (fields id, url, site, posted_at, title, text, city, country): " +
      "extract, score, link. Resumable: ads already stored are skipped; bad records are reported and skipped.",
  )
  .argument("<file>", "a .jsonl (one JSON object a line) or .csv (with a header row) file")
  .option(
    "--region-from <field>",
    "read numbers without a country code as numbers of: country or none",
    "country",
  )
  .option("--batch <n>", "ads stored per transaction", batchSize, 4000)
  .option(
    "--workers <n>",
    "threads that extract while the main thread stores (0: none; default: one per core)",
    workerCount,
  )
  .action((file: string, opts: { regionFrom: string; batch: number; workers?: number }) => {
    if (opts.regionFrom !== "country" && opts.regionFrom !== "none")
      program.error("--region-from must be country or none");
    return adsImportCommand(loadConfig(), file, {
      regionFrom: opts.regionFrom as "country" | "none",
      batch: opts.batch,
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
    });
  });
ads
  .command("resplit")
  .description(
    "Decide afresh which identifiers are hubs (e.g. after LANTERN_HUB_LIMIT changed) and recompute every ad cluster without them.",
  )
  .action(() => adsResplitCommand(loadConfig()));
ads
  .command("clusters")
  .description("List the clusters of two or more ads (the ids given in the imported files).")
  .option("--json", "print a JSON array of {clusterId, itemIds}")
  .action((opts: { json?: boolean }) => adsClustersCommand(loadConfig(), opts));

program
  .command("audit")
  .description("Check the audit log.")
  .command("verify")
  .description("Verify the audit log's hash chain; exit 1 naming every altered, deleted or moved row.")
  .action(() => auditVerifyCommand(loadConfig()));

program
  .command("jobs")
  .description("Background jobs (the retention purge). `lantern serve` runs them on its own.")
  .command("run-once")
  .description("Run every job that is due once and exit: for cron, or instances started without serve.")
  .action(() => jobsRunOnceCommand(loadConfig()));

const org = program.command("org").description("Manage organisations.");
org
  .command("add")
  .description("Add an organisation that receives reports for the countries it covers.")
  .requiredOption("--slug <slug>", "short unique name, e.g. hotline-es")
  .requiredOption("--name <name>", "display name")
  .option("--countries <codes>", "ISO 3166-1 alpha-2 codes it covers, comma-separated", "")
  .option("--default", "receive reports about countries no organisation covers")
  .option("--hotline <phone>", "public hotline number shown on the help page")
  .action((opts: { slug: string; name: string; countries: string; default?: boolean; hotline?: string }) =>
    addOrganisationCommand(loadConfig(), opts),
  );

const user = program.command("user").description("Manage staff accounts.");
user
  .command("add")
  .description("Add a staff member. Prints a generated password unless --password-stdin is given.")
  .requiredOption("--org <slug>", "organisation slug")
  .requiredOption("--email <email>", "sign-in email")
  .option("--name <name>", "display name", "")
  .option("--role <role>", `one of ${ROLES.join(", ")}`, "coordinator")
  .option(
    "--password-stdin",
    "read the password (12 characters or more, not a common one) from standard input",
  )
  .option("--superadmin", "the deployment's superadmin, who may create organisations in the console")
  .action(
    (opts: {
      org: string;
      email: string;
      name: string;
      role: string;
      passwordStdin?: boolean;
      superadmin?: boolean;
    }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) {
        program.error(`--role must be one of ${ROLES.join(", ")}`);
      }
      return addUserCommand(loadConfig(), { ...opts, role: opts.role as Role });
    },
  );

const library = program.command("library").description("The library of articles, kits and glossary terms.");
library
  .command("seed")
  .description(
    "Load the shipped articles, starter kits and glossary terms (published) that are not yet in the database, " +
      "and print how many were added. Safe to run again: items already present are left as they are.",
  )
  .action(() => librarySeedCommand(loadConfig()));

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`lantern: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
