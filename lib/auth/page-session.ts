import { cookies } from "next/headers";
import { getProfile, type Profile } from "../accounts/profile";
import { getDb } from "../db/client";
import { findSession, SESSION_COOKIE } from "./session";

/** The signed-in profile for a server component, or null. */
export async function pageProfile(): Promise<Profile | null> {
  const db = await getDb();
  const session = await findSession(db, (await cookies()).get(SESSION_COOKIE)?.value);
  if (!session) return null;
  return getProfile(db, session.address);
}
