import { count } from "drizzle-orm";
import { getAddress, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { addGoldItem } from "../curation/admin";
import { signedVoteRequest } from "../curation/vote-typed-data";
import { castVote } from "../curation/votes";
import type { Db } from "../db/client";
import { submissions } from "../db/schema";
import { submit } from "../submissions/submit";
import { submissionTypedData } from "../submissions/typed-data";
import { DEMO_ACCOUNTS } from "./local-network";

type DemoItem = { text: string; url: string; tags: string[]; license: "CC-BY-4.0" | "CC0-1.0" | "CC-BY-SA-4.0"; votes: number };

/** Real-looking items so a fresh local app has something to browse, review and snapshot. */
const ITEMS: DemoItem[] = [
  {
    text: "Write-ahead logging makes a database durable: every change is appended to a sequential log and flushed before the data pages are touched, so after a crash recovery replays the log and the pages catch up.",
    url: "https://en.wikipedia.org/wiki/Write-ahead_logging",
    tags: ["databases", "durability"],
    license: "CC-BY-SA-4.0",
    votes: 3,
  },
  {
    text: "When a model's validation loss rises while training loss keeps falling, it is memorising the training set. Early stopping, more data, augmentation and weight decay all push back; check the data split for leakage first.",
    url: "https://example.org/threads/overfitting-checklist",
    tags: ["machine-learning", "training"],
    license: "CC-BY-4.0",
    votes: 3,
  },
  {
    text: "Rust's borrow checker enforces at compile time that a value has either one mutable reference or any number of shared ones. Data races become type errors instead of heisenbugs.",
    url: "https://example.org/answers/borrow-checker",
    tags: ["rust", "programming-languages"],
    license: "CC-BY-4.0",
    votes: 3,
  },
  {
    text: "A good bug report says what you did, what you expected, what happened instead, and the smallest input that reproduces it. Version numbers and the exact error text save a maintainer an hour.",
    url: "https://example.org/posts/bug-reports",
    tags: ["open-source", "writing"],
    license: "CC0-1.0",
    votes: 1,
  },
  {
    text: "Sourdough rises because wild yeast and lactic acid bacteria ferment the flour; a longer, colder proof gives more sour flavour and a more open crumb.",
    url: "https://example.org/recipes/sourdough-basics",
    tags: ["cooking", "fermentation"],
    license: "CC-BY-4.0",
    votes: 0,
  },
  {
    text: "Consistent hashing places nodes and keys on a ring, so adding or removing a node only moves the keys between it and its neighbour instead of reshuffling everything.",
    url: "https://example.org/notes/consistent-hashing",
    tags: ["distributed-systems"],
    license: "CC-BY-4.0",
    votes: 0,
  },
  {
    // Long unbroken strings (a digest, a deep URL) are everyday content: every page must wrap them.
    text: "To check a download, compare its SHA-256 with the published digest, e.g. 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 for the word \"test\". The full walkthrough: https://example.org/guides/2026/verifying-downloads-with-sha256-checksums-and-detached-signatures-step-by-step-for-every-platform",
    url: "https://example.org/guides/2026/verifying-downloads-with-sha256-checksums-and-detached-signatures-step-by-step-for-every-platform",
    tags: ["security", "checksums"],
    license: "CC0-1.0",
    votes: 0,
  },
];

/** Seeds the demo items once (skipped when any submission exists): signed by contributors 4–8, some already accepted by validators 1–3. */
export async function seedDemoContent(db: Db, chainId: number): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(submissions);
  if ((existing?.n ?? 0) > 0) return 0;
  const contributors = DEMO_ACCOUNTS.filter((a) => a.role === "contributor");
  const validators = DEMO_ACCOUNTS.filter((a) => a.role === "validator");
  const curator = DEMO_ACCOUNTS.find((a) => a.role === "curator");
  const issuedAt = Math.floor(Date.now() / 1000);
  for (const [i, item] of ITEMS.entries()) {
    const author = contributors[i % contributors.length];
    if (!author) continue;
    const account = privateKeyToAccount(author.privateKey);
    const fields = { content: item.text, sourceUrl: item.url, tags: item.tags, license: item.license, issuedAt };
    const signature = await account.signTypedData(submissionTypedData({ ...fields, contributor: account.address }, chainId));
    const created = await submit(db, { ...fields, signature }, { contributor: account.address, chainId });
    for (const validator of validators.slice(0, item.votes)) {
      const vote = await signedVoteRequest(
        privateKeyToAccount(validator.privateKey),
        { submissionId: created.id, contentHash: created.contentHash as Hex, verdict: "accept", quality: 4, flags: [] },
        chainId,
      );
      await castVote(db, getAddress(validator.address), vote, { chainId });
    }
  }
  if (curator)
    await addGoldItem(db, getAddress(curator.address), {
      content: "BUY CHEAP FOLLOWERS NOW!!! 10,000 followers for $5, limited offer, click the link in my profile.",
      tags: ["social-media"],
      answer: "reject",
    });
  return ITEMS.length;
}
