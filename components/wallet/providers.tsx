"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, cookieToInitialState } from "wagmi";
import type { ChainSettings } from "@/lib/chain/config";
import type { Deployment } from "@/lib/chain/deployments";
import { AppSettingsContext } from "./app-settings";
import { getConfig } from "./wagmi-config";

export function Providers({
  children,
  settings,
  deployment,
  cookie,
}: {
  children: ReactNode;
  settings: ChainSettings;
  deployment: Deployment | null;
  cookie: string | null;
}) {
  const [config] = useState(() => getConfig(settings));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } }));
  return (
    <AppSettingsContext value={{ settings, deployment }}>
      <WagmiProvider config={config} initialState={cookieToInitialState(config, cookie)}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </WagmiProvider>
    </AppSettingsContext>
  );
}
