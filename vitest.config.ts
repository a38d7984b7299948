import fs from "node:fs";
import { defineConfig } from "vitest/config";

// Browser tests drive Debian's Chromium. Without it a developer still gets every other test (with a
// warning); under CI a missing browser is a failure, not a skip.
const hasChromium = fs.existsSync("/usr/bin/chromium");
if (!hasChromium && !process.env.CI) {
  process.stderr.write(
    "\n!! /usr/bin/chromium not found: browser tests skipped (apt-get install chromium).\n\n",
  );
}
const browserProject = {
  test: {
    name: "browser",
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/support/postgres-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "src/**/*.test.tsx", "bench/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/postgres-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(hasChromium || process.env.CI ? [browserProject] : []),
    ],
  },
});
