import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Commonplace — curated data for AI, owned by its contributors", template: "%s · Commonplace" },
  description:
    "Contributors submit valuable content with their wallet, validators vote on its quality, and curated snapshots become open datasets. Rewards are paid on-chain.",
};

export const viewport: Viewport = { themeColor: "#0f766e", width: "device-width", initialScale: 1 };

/**
 * The frame (header, footer) and the wallet providers come from the route groups: (wallet) pages sign, (read) pages only read.
 * Every page renders per request: its scripts carry that response's CSP nonce (proxy.ts).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">{children}</body>
    </html>
  );
}
