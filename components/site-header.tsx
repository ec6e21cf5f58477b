import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "./nav-links";

export const NAV = [
  { href: "/submit", label: "Submit" },
  { href: "/validate", label: "Validate" },
  { href: "/datasets", label: "Datasets" },
  { href: "/rewards", label: "Rewards" },
  { href: "/curator", label: "Curator" },
] as const;

export function SiteHeader({ wallet }: { wallet: ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-stone-200 bg-white/85 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <Logo />
          <span className="hidden text-lg min-[400px]:inline sm:inline">Commonplace</span>
        </Link>
        <NavLinks items={NAV} className="hidden md:flex" />
        <div className="ml-auto">{wallet}</div>
      </div>
      <NavLinks items={NAV} className="grid grid-cols-5 border-t border-stone-100 px-1 py-1 text-center md:hidden" />
    </header>
  );
}

export function Logo() {
  return (
    <svg aria-hidden viewBox="0 0 32 32" className="size-7">
      <rect width="32" height="32" rx="8" className="fill-brand-700" />
      <path d="M9 11h14M9 16h14M9 21h9" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
