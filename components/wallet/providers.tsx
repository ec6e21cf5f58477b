"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, cookieToInitialState } from "wagmi";
import type { PublicChainSettings } from "@/lib/chain/config";
import type { Deployment } from "@/lib/chain/deployments";
import { AppSettingsContext } from "./app-settings";
import { getConfig } from "./wagmi-config";

export function Providers({
  children,
  settings,
  deployment,
  walletState,
}: {
  children: ReactNode;
  settings: PublicChainSettings;
  deployment: Deployment | null;
  walletState: string | null;
}) {
  const [config] = useState(() => getConfig(settings));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } }));
  return (
    <AppSettingsContext value={{ settings, deployment }}>
      <WagmiProvider config={config} initialState={cookieToInitialState(config, walletState)}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </WagmiProvider>
    </AppSettingsContext>
  );
}
