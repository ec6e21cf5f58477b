import { sql } from "drizzle-orm";
import type { ConsensusParams } from "../curation/consensus";
import { REPUTATION_DEFAULTS } from "../curation/reputation";
import type { Manifest } from "../snapshots/writers/manifest";
import type { ScreeningVerdict } from "../screening/screen";
import type { Signals } from "../screening/signal-names";
import type { FlagReason } from "../screening/verdict";
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
/** Token amounts in wei: uint256 fits in numeric(78,0). */
/** Postgres bytea as bytes: node-postgres answers a Buffer, PGlite a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

const wei = (name: string) => numeric(name, { precision: 78, scale: 0, mode: "bigint" });

export const ROLES = ["curator", "validator"] as const;
export type Role = (typeof ROLES)[number];

/** Addresses are stored lowercase (0x + 40 hex) so equality is plain text equality. */
export const accounts = pgTable(
  "accounts",
  {
    address: text("address").primaryKey(),
    /** Roles granted off-chain: curator (publisher), validator (local chain grant; otherwise stake decides). */
    roles: text("roles").array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    reputation: doublePrecision("reputation").notNull().default(REPUTATION_DEFAULTS.initial),
    createdAt: createdAt(),
  },
  (t) => [check("accounts_address_lowercase", sql`${t.address} ~ '^0x[0-9a-f]{40}$'`)],
);

/**
 * Keys a validator's wallet authorized (EIP-712 VotingKey) to sign its votes until expires_at;
 * revocable. A key address belongs to one validator, ever.
 */
export const votingKeys = pgTable(
  "voting_keys",
  {
    key: text("key").primaryKey(),
    validator: text("validator")
      .notNull()
      .references(() => accounts.address),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** The validator's EIP-712 VotingKey signature: exported with every vote the key signed. */
    signature: text("signature").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    check("voting_keys_key_lowercase", sql`${t.key} ~ '^0x[0-9a-f]{40}$'`),
    index("voting_keys_validator_idx").on(t.validator, t.createdAt),
  ],
);

/** SIWE nonces: single use (used_at set atomically) and short-lived. */
export const authNonces = pgTable(
  "auth_nonces",
  {
    nonce: text("nonce").primaryKey(),
    /** sha256 of the asking browser's binding cookie: only that browser can redeem the nonce. */
    bindingHash: text("binding_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("auth_nonces_expires_idx").on(t.expiresAt)],
);

/** Sessions are rows so they can be revoked; the cookie carries a random token, the row only its sha256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    address: text("address")
      .notNull()
      .references(() => accounts.address),
    chainId: integer("chain_id").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_address_idx").on(t.address)],
);

export const SUBMISSION_STATUSES = ["pending", "accepted", "rejected"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const submissions = pgTable(
  "submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contributor: text("contributor")
      .notNull()
      .references(() => accounts.address),
    content: text("content").notNull(),
    sourceUrl: text("source_url"),
    tags: text("tags").array().notNull(),
    license: text("license").notNull(),
    /** keccak256 of the UTF-8 content exactly as signed (EIP-712 contentHash, dataset root leaf). */
    contentHash: text("content_hash").notNull(),
    /** Hash of the normalized text (NFKC, case, whitespace): the exact-duplicate key. */
    normalizedHash: text("normalized_hash").notNull().unique(),
    /** MinHash signature of word 3-shingles, 128 big-endian 32-bit words: estimates Jaccard similarity to other items. */
    minhash: bytea("minhash").notNull(),
    /**
     * LSH band keys of the signature (band × 2³² + the band's 32-bit hash): likely near duplicates share one, found by
     * an overlap query. Integers, not text: every submission compares its keys with those of earlier items.
     */
    lshBands: bigint("lsh_bands", { mode: "number" }).array().notNull(),
    nearDuplicateOf: uuid("near_duplicate_of"),
    piiFlags: text("pii_flags").array().notNull().default(sql`'{}'::text[]`),
    /** AI screening at submit time (lib/screening); null on items stored before it existed. ISO 639-1 where the language has a code. */
    language: text("language"),
    languageScore: real("language_score"),
    screeningVerdict: text("screening_verdict").$type<ScreeningVerdict>(),
    screeningReasons: text("screening_reasons").array().$type<FlagReason[]>(),
    screeningSignals: jsonb("screening_signals").$type<Signals>(),
    status: text("status").$type<SubmissionStatus>().notNull().default("pending"),
    quality: real("quality"),
    rejectReason: text("reject_reason"),
    signature: text("signature").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    /** Gold items carry a known answer and measure validators; they never enter a snapshot. */
    goldVerdict: text("gold_verdict").$type<"accept" | "reject">(),
    /** A gold item published as slashing evidence is known to everyone from then on: no queue serves it again. */
    goldRetiredAt: timestamp("gold_retired_at", { withTimezone: true }),
    voteCount: integer("vote_count").notNull().default(0),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    check("submissions_status", sql`${t.status} in ('pending','accepted','rejected')`),
    check("submissions_screening_verdict", sql`${t.screeningVerdict} is null or ${t.screeningVerdict} in ('pass','flag')`),
    check("submissions_quality", sql`${t.quality} is null or (${t.quality} >= 1 and ${t.quality} <= 5)`),
    index("submissions_contributor_idx").on(t.contributor, t.createdAt),
    index("submissions_queue_idx").on(t.status, t.voteCount, t.createdAt),
    index("submissions_decided_idx").on(t.status, t.decidedAt),
    // Every insert searches this index: without the pending list (fastupdate) a search reads no unsorted backlog.
    index("submissions_lsh_bands_idx").using("gin", t.lshBands).with({ fastupdate: false }),
    index("submissions_tags_idx").using("gin", t.tags),
  ],
);

/** Fixed-window counters for per-address rate limits; shared by every server instance through the database. */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limit_windows_start_idx").on(t.windowStart)],
);

export const VERDICTS = ["accept", "reject"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const votes = pgTable(
  "votes",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id),
    validator: text("validator")
      .notNull()
      .references(() => accounts.address),
    verdict: text("verdict").$type<Verdict>().notNull(),
    quality: smallint("quality").notNull(),
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    /** The validator's reputation when the vote was cast. */
    reputation: doublePrecision("reputation").notNull(),
    /** The weight the vote counts with in consensus (from that reputation): later changes don't rewrite history. */
    weight: doublePrecision("weight").notNull(),
    /** The EIP-712 Vote as signed: its issuedAt, the signature, and the signer (the validator, or its voting key). Null only for votes cast before votes were signed. */
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    signature: text("signature"),
    signer: text("signer"),
    /** For a vote signed by a voting key: the delegation, copied so the vote carries its whole signature chain. */
    keyExpiresAt: timestamp("key_expires_at", { withTimezone: true }),
    keySignature: text("key_signature"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.validator] }),
    check("votes_verdict", sql`${t.verdict} in ('accept','reject')`),
    check("votes_quality", sql`${t.quality} between 1 and 5`),
    index("votes_validator_idx").on(t.validator, t.createdAt),
  ],
);

/** One row per decided item: the outcome and a copy of the votes that made it, as they were weighed. */
export const decisions = pgTable(
  "decisions",
  {
    submissionId: uuid("submission_id")
      .primaryKey()
      .references(() => submissions.id),
    outcome: text("outcome").$type<"accepted" | "rejected">().notNull(),
    acceptShare: doublePrecision("accept_share").notNull(),
    quality: real("quality"),
    reason: text("reason"),
    votes: jsonb("votes").$type<{ validator: string; verdict: Verdict; quality: number; flags: string[]; weight: number }[]>().notNull(),
    /** The consensus parameters in force, so the decision can be replayed from the exported votes. */
    params: jsonb("params").$type<ConsensusParams>().notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("decisions_outcome", sql`${t.outcome} in ('accepted','rejected')`),
    index("decisions_decided_at_idx").on(t.decidedAt),
  ],
);

/** exporting: frozen, files being written (a failed export is removed); exported: files complete; published: confirmed on-chain. */
export const SNAPSHOT_STATUSES = ["exporting", "exported", "published"] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

export const snapshots = pgTable(
  "snapshots",
  {
    epoch: integer("epoch").primaryKey(),
    cutoff: timestamp("cutoff", { withTimezone: true }).notNull(),
    itemCount: integer("item_count").notNull(),
    voteCount: integer("vote_count").notNull().default(0),
    contributorShareBps: integer("contributor_share_bps").notNull().default(7000),
    /** The manifest.json content, for listings without reading storage. */
    manifest: jsonb("manifest").$type<Manifest>(),
    datasetRoot: text("dataset_root").notNull(),
    rewardRoot: text("reward_root").notNull(),
    manifestHash: text("manifest_hash").notNull(),
    budget: wei("budget").notNull(),
    totalCumulative: wei("total_cumulative").notNull(),
    status: text("status").$type<SnapshotStatus>().notNull().default("exported"),
    txHash: text("tx_hash"),
    /** A publication transaction the curator reported and the chain has not settled yet; checked on each read, never waited on. */
    pendingTxHash: text("pending_tx_hash"),
    pendingSince: timestamp("pending_since", { withTimezone: true }),
    /** Why the last reported transaction was refused (reverted, published something else, never seen). */
    publicationError: jsonb("publication_error").$type<{ code: string; message: string }>(),
    createdAt: createdAt(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    check("snapshots_epoch_positive", sql`${t.epoch} >= 1`),
    check("snapshots_status", sql`${t.status} in ('exporting','exported','published')`),
  ],
);

export const EXPORT_JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type ExportJobState = (typeof EXPORT_JOB_STATES)[number];
export type ExportProgressRecord = { file: string; rows: number; filesDone: number; filesTotal: number };

/**
 * The durable queue of snapshot exports (one job per epoch). A worker holds a job by its lease,
 * renewed by a heartbeat; a job whose lease ran out (its process died) is taken over by the next
 * worker that looks, so an export interrupted at any point finishes or, after repeated failures,
 * is discarded, and never blocks the next epoch.
 */
export const exportJobs = pgTable(
  "export_jobs",
  {
    epoch: integer("epoch").primaryKey(),
    state: text("state").$type<ExportJobState>().notNull().default("queued"),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    progress: jsonb("progress").$type<ExportProgressRecord>(),
    error: text("error"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [check("export_jobs_state", sql`${t.state} in ('queued','running','done','failed')`), index("export_jobs_state_idx").on(t.state, t.leaseUntil)],
);

export const snapshotItems = pgTable(
  "snapshot_items",
  {
    epoch: integer("epoch")
      .notNull()
      .references(() => snapshots.epoch),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id),
    position: integer("position").notNull(),
  },
  /** Every snapshot holds all items accepted up to its cut-off, so an item appears in many epochs. */
  (t) => [primaryKey({ columns: [t.epoch, t.position] }), index("snapshot_items_submission_idx").on(t.submissionId, t.epoch)],
);

export const rewardAllocations = pgTable(
  "reward_allocations",
  {
    epoch: integer("epoch")
      .notNull()
      .references(() => snapshots.epoch),
    address: text("address")
      .notNull()
      .references(() => accounts.address),
    contributorAmount: wei("contributor_amount").notNull(),
    validatorAmount: wei("validator_amount").notNull(),
    /** Sum over every epoch up to this one: the amount in the reward tree leaf. */
    cumulative: wei("cumulative").notNull(),
  },
  (t) => [primaryKey({ columns: [t.epoch, t.address] })],
);

/**
 * The last reading of each account's stake on the staking contract, shared by every app process:
 * checks use it while fresh (STAKE_MAX_AGE), a staking page refreshes it after its transaction,
 * and a recorded slash clears it.
 */
export const validatorStakes = pgTable("validator_stakes", {
  address: text("address").primaryKey(),
  active: wei("active").notNull(),
  pending: wei("pending").notNull(),
  unlockAt: timestamp("unlock_at", { withTimezone: true }),
  minStake: wei("min_stake").notNull(),
  isValidator: boolean("is_validator").notNull(),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
});

/** The published evidence of a slash, by the sha256 its Slashed event names. */
export const slashEvidence = pgTable("slash_evidence", {
  hash: text("hash").primaryKey(),
  validator: text("validator").notNull(),
  document: text("document").notNull(),
  createdAt: createdAt(),
});

/** Slashed events, as read from the chain (never from a request body). */
export const slashes = pgTable(
  "slashes",
  {
    txHash: text("tx_hash").notNull(),
    logIndex: integer("log_index").notNull(),
    validator: text("validator").notNull(),
    amount: wei("amount").notNull(),
    evidenceHash: text("evidence_hash").notNull(),
    reason: text("reason").notNull(),
    blockNumber: numeric("block_number", { precision: 78, scale: 0, mode: "bigint" }).notNull(),
    slashedAt: timestamp("slashed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.txHash, t.logIndex] }), index("slashes_validator_idx").on(t.validator, t.slashedAt)],
);

export type Account = typeof accounts.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type NewSubmission = typeof submissions.$inferInsert;
export type Vote = typeof votes.$inferSelect;
export type VotingKey = typeof votingKeys.$inferSelect;
export type ValidatorStake = typeof validatorStakes.$inferSelect;
export type Slash = typeof slashes.$inferSelect;
export type ExportJob = typeof exportJobs.$inferSelect;
export type Decision = typeof decisions.$inferSelect;
export type Snapshot = typeof snapshots.$inferSelect;
export type RewardAllocation = typeof rewardAllocations.$inferSelect;
