"use client";

import { createContext, use } from "react";
import type { PublicChainSettings } from "@/lib/chain/config";
import type { Deployment } from "@/lib/chain/deployments";

export type AppSettings = { settings: PublicChainSettings; deployment: Deployment | null };

export const AppSettingsContext = createContext<AppSettings | null>(null);

/** Chain settings and contract addresses, read on the server and handed to the client once. */
export function useAppSettings(): AppSettings {
  const value = use(AppSettingsContext);
  if (!value) throw new Error("useAppSettings outside <Providers>");
  return value;
}
