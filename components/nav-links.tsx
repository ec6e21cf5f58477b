"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ items, className = "" }: { items: readonly { href: string; label: string }[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={`items-center gap-1 text-sm ${className}`}>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            // Every page renders per request (its CSP nonce) without a loading boundary: a prefetch
            // would cost a server render and main-thread work during this page's load to fetch an empty shell.
            prefetch={false}
            aria-current={active ? "page" : undefined}
            className={`rounded-full px-1 py-2 sm:px-3 font-medium whitespace-nowrap transition-colors ${
              active ? "bg-brand-50 text-brand-700" : "text-stone-600 hover:bg-stone-100 hover:text-ink"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
