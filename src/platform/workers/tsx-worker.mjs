// Entry point of a worker thread that runs a TypeScript module (tsx, as bin/lantern.js does): the module's
// URL comes in `workerData.module`. Plain JavaScript, because a worker starts without tsx's loader.

import { fileURLToPath } from "node:url";
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../../tsconfig.json", import.meta.url)) });
await import(workerData.module);
