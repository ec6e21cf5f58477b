import { z } from "zod";
import { evidenceText } from "@/lib/curation/slashing";
import { route } from "@/lib/http/route";

const paramsSchema = z.object({ hash: z.string().regex(/^0x[0-9a-fA-F]{64}$/) });

/** The evidence a slash names, byte for byte (its sha256 is the hash in the Slashed event): anyone can check it. */
export const GET = route({ auth: "public", limit: "reads", params: paramsSchema }, async ({ db, params }) =>
  new Response(await evidenceText(db, params.hash), { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=31536000, immutable" } }),
);
