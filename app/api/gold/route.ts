import { NextResponse } from "next/server";
import { requireSession } from "@/lib/auth/request-session";
import { addGoldItem, goldSchema } from "@/lib/curation/admin";
import { requireCurator } from "@/lib/curation/eligibility";
import { getDb } from "@/lib/db/client";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const POST = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  const curator = session.address;
  await requireCurator(db, curator);
  const input = await readJson(request, goldSchema, 64 * 1024);
  return NextResponse.json(await addGoldItem(db, curator, input), { status: 201 });
});
