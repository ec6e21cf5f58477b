import { NextResponse } from "next/server";
import { addGoldItem, goldSchema } from "@/lib/curation/admin";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "curator", limit: "gold", body: goldSchema, maxBytes: 64 * 1024 }, async ({ db, session, body }) =>
  NextResponse.json(await addGoldItem(db, session.address, body), { status: 201 }),
);
