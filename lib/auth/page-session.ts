import "server-only";
import { cookies } from "next/headers";
import { profileOf, type Profile } from "../accounts/profile";
import { getDb } from "../db/client";
import { findSession, SESSION_COOKIE } from "./session";

/** The signed-in profile for a server component, or null. */
export async function pageProfile(): Promise<Profile | null> {
  const db = await getDb();
  const session = await findSession(db, (await cookies()).get(SESSION_COOKIE)?.value);
  return session ? profileOf(db, session, null) : null;
}
