"use client";

import { useEffect, useRef } from "react";

/**
 * A "Send to Commonplace" bookmarklet: opens /submit prefilled with the page's URL and the selected
 * text. React refuses javascript: URLs in JSX (rightly), so the href is set on the element directly.
 */
export function Bookmarklet() {
  const ref = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const target = `${window.location.origin}/submit`;
    const code = `(()=>{const t=String(window.getSelection()||'').slice(0,10000);window.open('${target}?url='+encodeURIComponent(location.href)+'&text='+encodeURIComponent(t),'_blank','noopener')})()`;
    ref.current?.setAttribute("href", `javascript:${code}`);
  }, []);
  return (
    <a
      ref={ref}
      href="#bookmarklet"
      onClick={(e) => e.preventDefault()}
      draggable
      className="inline-flex cursor-grab items-center gap-2 rounded-full border border-brand-200 bg-brand-50 px-4 py-2 text-sm font-semibold text-brand-700"
    >
      + Send to Commonplace
    </a>
  );
}
