#!/usr/bin/env node
// Launcher for `npx commonplace-verify`: runs scripts/verify-snapshot.ts through the project's tsx, with the
// project's tsconfig (its "@/…" paths) whatever the working directory. The package is CommonJS, so tsx's CommonJS
// hook is needed beside its ESM one.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register as registerCjs } from "tsx/cjs/api";
import { register as registerEsm } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsconfig = join(root, "tsconfig.json");
process.env.TSX_TSCONFIG_PATH = tsconfig;
registerCjs();
registerEsm({ tsconfig });
await import(pathToFileURL(join(root, "scripts", "verify-snapshot.ts")).href);
