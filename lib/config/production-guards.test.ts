import { describe, expect, it } from "vitest";
import { ANVIL_KEYS } from "../chain/anvil-accounts";
import { ConfigError } from "./app-origins";
import { productionGuards } from "./production-guards";
import { checkConfiguration } from "./startup-checks";

const READY = {
  NODE_ENV: "production",
  APP_URL: "https://commonplace.example",
  CHAIN_ID: "84532",
  RPC_URL: "https://sepolia.base.org",
  DATABASE_URL: "postgres://db.example/commonplace",
  ALLOW_LOCAL_STORE: "1",
};

const refusal = (env: Record<string, string | undefined>) => {
  try {
    productionGuards(env);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};

describe("production guards", () => {
  it("accept a real deployment's settings, and anything outside production", () => {
    expect(refusal(READY)).toBeNull();
    expect(() => checkConfiguration(READY)).not.toThrow();
    expect(refusal({ NODE_ENV: "development" })).toBeNull();
    expect(refusal({})).toBeNull();
  });

  it("refuse each demo default with one line naming what to set", () => {
    expect(refusal({ ...READY, DEPLOYER_PRIVATE_KEY: ANVIL_KEYS[0] })).toMatch(/^DEPLOYER_PRIVATE_KEY is one of anvil's public demo keys/);
    expect(refusal({ ...READY, CHAIN_ID: undefined })).toMatch(/^CHAIN_ID is 31337.*ALLOW_LOCAL_CHAIN=1/);
    expect(refusal({ ...READY, CHAIN_ID: "31337" })).toMatch(/ALLOW_LOCAL_CHAIN=1/);
    expect(refusal({ ...READY, CHAIN_ID: "31337", ALLOW_LOCAL_CHAIN: "1" })).toBeNull();
    expect(refusal({ ...READY, DATABASE_URL: undefined })).toMatch(/^No database is set: set DATABASE_URL/);
    expect(refusal({ ...READY, DATABASE_URL: undefined, POSTGRES_URL: "postgres://neon" })).toBeNull();
    expect(refusal({ ...READY, DATABASE_URL: undefined, PGLITE_DIR: "/srv/pglite" })).toBeNull();
    expect(refusal({ ...READY, ALLOW_LOCAL_STORE: undefined })).toMatch(/^Snapshot files would go to a local folder.*SNAPSHOT_STORE=s3:\/\/bucket\/prefix, or ALLOW_LOCAL_STORE=1/);
    expect(refusal({ ...READY, ALLOW_LOCAL_STORE: undefined, SNAPSHOT_STORE: "s3://commonplace/snapshots" })).toBeNull();
    expect(() => checkConfiguration({ ...READY, APP_URL: undefined })).toThrow(/APP_URL/);
    for (const message of [refusal({ ...READY, CHAIN_ID: "31337" }), refusal({ ...READY, DATABASE_URL: undefined })]) expect(message).not.toContain("\n");
  });
});
