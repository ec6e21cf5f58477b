import { NextResponse } from "next/server";
import { failingValidators, slashingSettings } from "@/lib/curation/slashing";
import { route } from "@/lib/http/route";

/** Validators whose gold answers fall below GOLD_SLASH_THRESHOLD over at least GOLD_SLASH_MIN_ANSWERS answers. */
export const GET = route({ auth: "curator", limit: "reads" }, async ({ db }) => {
  const settings = slashingSettings();
  return NextResponse.json({ settings, validators: await failingValidators(db, settings) }, { headers: { "cache-control": "no-store" } });
});
