#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a checkout needs no build step: `npx lantern --help`.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// The project's tsconfig (JSX with Preact) wherever the command is run from, not the working directory's.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../src/cli/main.ts");
