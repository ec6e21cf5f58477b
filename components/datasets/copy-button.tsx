"use client";

import { useEffect, useRef, useState } from "react";

type State = "idle" | "copied" | "failed";

/** Clipboard API where available; a hidden textarea otherwise (plain-http origins have no navigator.clipboard). */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

/**
 * Copies `value` to the clipboard. `label` names what is copied ("Copy the curl command"); the
 * outcome is announced through a polite live region so screen-reader users hear it too.
 */
export function CopyButton({
  value,
  label,
  compact = false,
  tone = "light",
  className = "",
}: {
  value: string;
  label: string;
  /** Icon only (the label stays the accessible name). */
  compact?: boolean;
  /** "dark" on code blocks. */
  tone?: "light" | "dark";
  className?: string;
}) {
  const [state, setState] = useState<State>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onClick() {
    clearTimeout(timer.current);
    try {
      await copyText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy";
  return (
    <>
      <button
        type="button"
        onClick={onClick}
        aria-label={label}
        title={label}
        data-state={state}
        className={`inline-flex shrink-0 items-center gap-1.5 rounded-lg border text-xs font-medium transition-colors ${
          compact ? "px-1.5 py-1" : "px-2.5 py-1.5"
        } ${
          state === "copied"
            ? "border-brand-200 bg-brand-50 text-brand-700"
            : state === "failed"
              ? "border-red-200 bg-red-50 text-red-700"
              : tone === "dark"
                ? "border-stone-600 bg-stone-800 text-stone-100 hover:border-stone-400"
                : "border-stone-300 bg-white text-stone-700 hover:border-stone-400 hover:text-ink"
        } ${className}`}
      >
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden className="size-3.5">
          <path d={state === "copied" ? "M5 12.5l4.5 4.5L19 7.5" : "M9 9h10v10H9zM5 15V5h10"} />
        </svg>
        <span className={compact ? "sr-only" : undefined}>{text}</span>
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy; select the text and copy it by hand" : ""}
      </span>
    </>
  );
}
