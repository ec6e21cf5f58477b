import type { ReactNode } from "react";
import { chainSettings } from "@/lib/chain/config";
import { SiteHeader } from "./site-header";

/** Header, page body and footer; the header's wallet control comes from the route group. */
export function SiteFrame({ wallet, children }: { wallet: ReactNode; children: ReactNode }) {
  const settings = chainSettings();
  return (
    <>
      <SiteHeader wallet={wallet} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">{children}</main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-stone-500 sm:px-6">
          <span>Commonplace · open data, fairly rewarded</span>
          <span>
            Chain {settings.chainId}
            {settings.local ? " (local)" : ""}
          </span>
        </div>
      </footer>
    </>
  );
}
