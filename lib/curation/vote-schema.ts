import { z } from "zod";
import { VOTE_FLAG_IDS } from "./flags";

export const voteRequestSchema = z.object({
  submissionId: z.uuid("Unknown item id."),
  verdict: z.enum(["accept", "reject"], { message: "The verdict is accept or reject." }),
  quality: z.number().int("Quality is a whole number.").min(1, "Quality is 1 to 5.").max(5, "Quality is 1 to 5."),
  flags: z
    .array(z.enum(VOTE_FLAG_IDS, { message: `Flags are ${VOTE_FLAG_IDS.join(", ")}.` }))
    .max(VOTE_FLAG_IDS.length)
    .default([])
    .refine((f) => new Set(f).size === f.length, "Each flag only once."),
  issuedAt: z.number().int("issuedAt is whole unix seconds.").positive(),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, "The signature must be 65 bytes of 0x-prefixed hex."),
});
export type VoteRequest = z.infer<typeof voteRequestSchema>;
