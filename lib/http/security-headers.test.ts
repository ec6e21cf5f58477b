import { afterEach, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { pagePolicy } from "./security-headers";

afterEach(() => {
  delete process.env.APP_URL;
  delete process.env.PUBLIC_RPC_URL;
});

it("gives each page response a fresh nonce in script-src, never unsafe-inline, and connects only to itself and the public RPC", () => {
  process.env.PUBLIC_RPC_URL = "https://rpc.example/v1/public";
  const first = proxy(new NextRequest("http://localhost:3000/datasets")).headers.get("content-security-policy") ?? "";
  const second = proxy(new NextRequest("http://localhost:3000/datasets")).headers.get("content-security-policy") ?? "";
  expect(first).not.toBe(second);
  expect(first).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(first).toContain("connect-src 'self' https://rpc.example;");
  expect(first).toContain("frame-ancestors 'none'");
  expect(first).not.toContain("upgrade-insecure-requests");
});

it("sends HSTS and upgrades insecure requests only when the app is configured for https", () => {
  process.env.APP_URL = "https://commonplace.example";
  const page = proxy(new NextRequest("https://commonplace.example/"));
  expect(page.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  delete process.env.APP_URL;
  expect(proxy(new NextRequest("http://localhost:3000/")).headers.get("strict-transport-security")).toBeNull();
});

it("lets development tooling evaluate code, and nothing else does", () => {
  const input = { nonce: "abc", rpcUrl: "http://127.0.0.1:8545", https: false };
  expect(pagePolicy({ ...input, dev: true })).toContain("'unsafe-eval'");
  expect(pagePolicy({ ...input, dev: false })).not.toContain("unsafe-eval");
});
