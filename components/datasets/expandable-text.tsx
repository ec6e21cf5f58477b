"use client";

import { useId, useState } from "react";

/** User content as inert text, clamped to a few lines with a toggle when it is long. */
export function ExpandableText({ text, lines = 4 }: { text: string; lines?: 3 | 4 | 6 }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = text.length > 280 || text.split("\n").length > lines;
  const clamp = { 3: "line-clamp-3", 4: "line-clamp-4", 6: "line-clamp-6" }[lines];
  return (
    <div>
      <p id={id} className={`text-sm wrap-anywhere whitespace-pre-wrap ${open ? "" : clamp}`}>
        {text}
      </p>
      {long && (
        <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} className="mt-1 text-xs font-semibold text-brand-700 hover:underline">
          {open ? "Show less" : "Show all"}
        </button>
      )}
    </div>
  );
}
