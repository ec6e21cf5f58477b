import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { Providers } from "@/components/wallet/providers";
import { chainSettings } from "@/lib/chain/config";
import { currentDeployment } from "@/lib/chain/current";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Commonplace — curated data for AI, owned by its contributors", template: "%s · Commonplace" },
  description:
    "Contributors submit valuable content with their wallet, validators vote on its quality, and curated snapshots become open datasets. Rewards are paid on-chain.",
};

export const viewport: Viewport = { themeColor: "#0f766e", width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const settings = chainSettings();
  const cookie = (await headers()).get("cookie");
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <Providers settings={settings} deployment={currentDeployment()} cookie={cookie}>
          <SiteHeader />
          <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">{children}</main>
          <footer className="border-t border-stone-200 bg-white">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-stone-500 sm:px-6">
              <span>Commonplace · open data, fairly rewarded</span>
              <span>Chain {settings.chainId}{settings.local ? " (local)" : ""}</span>
            </div>
          </footer>
        </Providers>
      </body>
    </html>
  );
}
