import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { primaryOrigin } from "@/lib/config/app-origins";
import { SITE_NAME, socialMetadata } from "@/lib/pages/social-metadata";
import "./globals.css";

const TITLE = `${SITE_NAME} — curated data for AI, owned by its contributors`;
const DESCRIPTION =
  "Contributors submit valuable content with their wallet, validators vote on its quality, and curated snapshots become open datasets. Rewards are paid on-chain.";

/** Per request, like the pages: link previews need absolute URLs, and APP_URL is read at run time, not at build time. */
export async function generateMetadata(): Promise<Metadata> {
  await connection();
  return {
    metadataBase: new URL(primaryOrigin()),
    title: { default: TITLE, template: `%s · ${SITE_NAME}` },
    description: DESCRIPTION,
    applicationName: SITE_NAME,
    ...socialMetadata({ title: TITLE, description: DESCRIPTION }),
  };
}

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
