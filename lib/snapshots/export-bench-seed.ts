import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CONSENSUS_DEFAULTS } from "@/lib/curation/consensus";
import { openDatabase, migrateDatabase } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { sql } from "drizzle-orm";
import { enqueueSnapshot } from "./create";
import { SIGNAL_NAMES } from "@/lib/screening/signal-names";
import { signalColumn } from "./dataset-fields";
import { benchAddress, benchItemId, BENCH_BASE_MS, BENCH_CONTRIBUTORS, syntheticRow } from "./export-bench-rows";

/** The epoch the bench database freezes and exports. */
export const BENCH_EPOCH = 1;
const VALIDATORS = 20;
const VOTES_PER_ITEM = 3;
const FAKE_SIGNATURE = `0x${"ab".repeat(65)}`;
/** Bump when the seeded rows change, so an old bench database is not reused. */
const SEED_VERSION = 3;

/** The bench database for `rows` items, on the server of BENCH_PG_URL (default: local PostgreSQL, user postgres). */
export function benchDatabaseUrl(rows: number): string {
  const server = new URL(process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  server.pathname = `/commonplace_bench_export_v${SEED_VERSION}_${rows}`;
  return server.toString();
}

const validator = (v: number) => benchAddress(0xf000 + v);

function copyText(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** COPY FROM STDIN of generated lines, handed over in ~1 MB chunks. */
async function copyLines(client: PoolClient, statement: string, lines: () => Iterable<string>): Promise<void> {
  function* chunks() {
    let batch = "";
    for (const line of lines()) {
      batch += line;
      if (batch.length > 1 << 20) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(statement)));
}

/** The screening columns as the submissions table stores them (COPY text format); an unscreened row has none. */
function screeningCopy(r: ReturnType<typeof syntheticRow>): string[] {
  if (r.screening_verdict === null) return ["\\N", "\\N", "\\N", "\\N", "\\N"];
  const signals = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, r[signalColumn(name)]]));
  return [r.language ?? "\\N", String(r.language_score), r.screening_verdict, `{${r.screening_reasons.join(",")}}`, JSON.stringify(signals)];
}

function* submissionLines(n: number) {
  for (let i = 0; i < n; i++) {
    const r = syntheticRow(i);
    yield [r.id, r.contributor, copyText(r.text), r.source_url === null ? "\\N" : copyText(r.source_url), `{${r.tags.join(",")}}`, r.license,
      r.content_hash, `n${i}`, "\\\\x", "{}", "accepted", String(r.quality), r.signature, r.issued_at, r.submitted_at, r.accepted_at, String(VOTES_PER_ITEM),
      ...screeningCopy(r)].join("\t") + "\n";
  }
}

function* voteLines(n: number) {
  for (let i = 0; i < n; i++) {
    const id = benchItemId(i);
    for (let v = 0; v < VOTES_PER_ITEM; v++) {
      const who = validator((i + v) % VALIDATORS);
      const at = new Date(BENCH_BASE_MS + i * 1000 + 60_000 * (v + 1)).toISOString();
      yield [id, who, "accept", String(1 + ((i + v) % 5)), "{}", "1", String(0.25 + ((i + v) % 5) / 10), at, FAKE_SIGNATURE, who, "\\N", "\\N", at].join("\t") + "\n";
    }
  }
}

function* decisionLines(n: number) {
  const params = JSON.stringify(CONSENSUS_DEFAULTS);
  for (let i = 0; i < n; i++) {
    const votes = JSON.stringify(Array.from({ length: VOTES_PER_ITEM }, (_, v) => ({ validator: validator((i + v) % VALIDATORS), verdict: "accept", quality: 3, flags: [], weight: 1 })));
    yield [benchItemId(i), "accepted", "1", "3", "\\N", votes, params, new Date(BENCH_BASE_MS + i * 1000 + 3_600_000).toISOString()].join("\t") + "\n";
  }
}

/**
 * Creates (once per row count and SEED_VERSION) a migrated database holding `n` accepted items with their votes and
 * decisions, and epoch BENCH_EPOCH frozen over them (snapshot row, snapshot_items, queued export job), exactly as
 * POST /api/snapshots leaves it. Returns whether it had to seed.
 */
export async function seedBenchDatabase(n: number): Promise<boolean> {
  const url = benchDatabaseUrl(n);
  const name = new URL(url).pathname.slice(1);
  const admin = await openDatabase({ DATABASE_URL: process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });
  try {
    const exists = await queryRows<{ datname: string }>(admin.db, sql`select datname from pg_database where datname = ${name}`);
    if (exists.length > 0) {
      const handle = await openDatabase({ DATABASE_URL: url });
      try {
        const [frozen] = await queryRows<{ n: string }>(handle.db, sql`select count(*) as n from snapshot_items where epoch = ${BENCH_EPOCH}`).catch(() => []);
        if (Number(frozen?.n) === n) return false;
      } finally {
        await handle.close();
      }
      await admin.db.execute(sql.raw(`drop database "${name}"`));
    }
    await admin.db.execute(sql.raw(`create database "${name}"`));
  } finally {
    await admin.close();
  }

  const handle = await openDatabase({ DATABASE_URL: url });
  try {
    await migrateDatabase(handle);
    const { Pool } = await import("pg");
    const pool = new Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    try {
      await copyLines(client, "COPY accounts (address) FROM STDIN", function* () {
        for (let c = 1; c <= BENCH_CONTRIBUTORS; c++) yield benchAddress(c) + "\n";
        for (let v = 0; v < VALIDATORS; v++) yield validator(v) + "\n";
      });
      await copyLines(client,
        "COPY submissions (id, contributor, content, source_url, tags, license, content_hash, normalized_hash, minhash, lsh_bands, status, quality, signature, issued_at, created_at, decided_at, vote_count, language, language_score, screening_verdict, screening_reasons, screening_signals) FROM STDIN",
        () => submissionLines(n));
      await copyLines(client,
        "COPY votes (submission_id, validator, verdict, quality, flags, reputation, weight, issued_at, signature, signer, key_expires_at, key_signature, created_at) FROM STDIN",
        () => voteLines(n));
      await copyLines(client, "COPY decisions (submission_id, outcome, accept_share, quality, reason, votes, params, decided_at) FROM STDIN", () => decisionLines(n));
      await client.query("ANALYZE");
    } finally {
      client.release();
      await pool.end();
    }
    await enqueueSnapshot(handle.db, { budget: 10n ** 24n }, new Date(BENCH_BASE_MS + n * 1000 + 7_200_000));
  } finally {
    await handle.close();
  }
  return true;
}
