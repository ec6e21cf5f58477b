import { Client } from "pg";

/** Runs one administrative statement on the server named by `serverUrl` (create/drop database cannot run in a pool transaction). */
async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Database names here come from our own code, never from input: letters, digits, underscores only. */
function checkedName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  return name;
}

/** Drops `name` if it exists (disconnecting its sessions) and creates it empty; returns its connection URL. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  await admin(serverUrl, `create database ${checkedName(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, `drop database if exists ${checkedName(name)} with (force)`);
}
