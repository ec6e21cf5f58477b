import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { formatTable, type BenchModule } from "../lib/bench/table";

/** Runs every *.bench.ts under lib/ and contracts/ (or those whose path contains an argument) and prints their tables. */
async function main() {
  const root = process.cwd();
  const filters = process.argv.slice(2);
  const files = (await findBenchFiles(root, ["lib", "contracts", "scripts"])).filter(
    (f) => filters.length === 0 || filters.some((flt) => f.includes(flt)),
  );
  for (const file of files) {
    console.log(`\n# ${relative(root, file)}`);
    const mod = (await import(pathToFileURL(file).href)) as BenchModule;
    for (const table of await mod.default()) console.log(formatTable(table));
  }
}

async function findBenchFiles(root: string, dirs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile() && e.name.endsWith(".bench.ts")) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
