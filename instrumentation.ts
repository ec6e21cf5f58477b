/** Runs once as each server process starts, before it serves a request: a bad configuration stops it with one line. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseBadConfiguration } = await import("./lib/config/startup-checks");
  refuseBadConfiguration();
}
