import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";

/** The local cluster in Debian's layout (/etc/postgresql/<version>/main): the server the soak restarts. */
export function localClusterVersion(): string {
  const versions = readdirSync("/etc/postgresql").filter((name) => /^\d+$/.test(name));
  if (versions.length !== 1) throw new Error(`expected one PostgreSQL version in /etc/postgresql, found: ${versions.join(", ") || "none"}`);
  return versions[0] ?? "";
}

/**
 * Restarts the local cluster in fast mode: open sessions are cut and their transactions rolled
 * back, as in a crash-free failover. Resolves once the server accepts connections again.
 */
export function restartPostgres(version: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group: a Ctrl-C in the terminal must not stop it half-way and leave the server down.
    const child = spawn("pg_ctlcluster", ["--skip-systemctl-redirect", "--mode", "fast", version, "main", "restart"], {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctlcluster restart exited with ${code}`))));
  });
}
