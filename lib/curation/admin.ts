import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Address } from "viem";
import type { Db } from "../db/client";
import { accounts, submissions } from "../db/schema";
import { ApiError } from "../http/api-error";
import { contentFingerprints } from "../submissions/fingerprints";
import { submissionFieldsSchema } from "../submissions/schema";
import { screeningSettings } from "../config/screening";
import { screenOrRefuse } from "../screening/screen";
import { screeningColumns } from "../screening/stored";

export const grantSchema = z.object({ address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "Enter a 0x address.") });

/** Local chain only: a curator makes an account a validator without stake (demo and tests). */
export async function grantValidator(db: Db, address: string): Promise<void> {
  const lower = address.toLowerCase();
  await db
    .insert(accounts)
    .values({ address: lower, roles: ["validator"] })
    .onConflictDoUpdate({
      target: accounts.address,
      set: { roles: sql`case when 'validator' = any(${accounts.roles}) then ${accounts.roles} else array_append(${accounts.roles}, 'validator') end` },
    });
}

export const goldSchema = submissionFieldsSchema.pick({ content: true, tags: true }).extend({
  answer: z.enum(["accept", "reject"], { message: "The known answer is accept or reject." }),
});
export type GoldRequest = z.infer<typeof goldSchema>;

/**
 * A gold item: a curator's item with a known answer, mixed into queues to measure validators; never exported. Screened
 * like any item, so its hints do not give it away and it could not be one no contributor's item can be.
 */
export async function addGoldItem(db: Db, curator: Address, input: GoldRequest): Promise<{ id: string }> {
  const screening = await screenOrRefuse(input.content, screeningSettings());
  const [row] = await db
    .insert(submissions)
    .values({
      contributor: curator.toLowerCase(),
      content: input.content,
      tags: input.tags,
      license: "CC0-1.0",
      ...contentFingerprints(input.content),
      signature: "0x",
      issuedAt: new Date(),
      goldVerdict: input.answer,
      ...screeningColumns(screening),
    })
    .onConflictDoNothing({ target: submissions.normalizedHash })
    .returning({ id: submissions.id });
  if (!row) throw new ApiError(409, "duplicate", "This text is already in the queue.", "content");
  return row;
}
