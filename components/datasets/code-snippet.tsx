import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/**
 * A copy-paste command under its title, with a copy button. Lines never wrap (a break inside a URL or a flag would
 * misprint it): a long one scrolls inside the block, which takes the keyboard focus to be scrolled.
 */
export function CodeSnippet({ id, title, language, code, note }: { id: string; title: string; language: string; code: string; note?: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-title`} className="min-w-0 overflow-hidden rounded-xl border border-stone-800 bg-stone-900" data-testid={`snippet-${id}`}>
      <figcaption className="flex items-center justify-between gap-3 border-b border-stone-800 px-4 py-2">
        <span className="flex min-w-0 items-baseline gap-2">
          <span id={`${id}-title`} className="text-sm font-medium text-stone-100">
            {title}
          </span>
          <span className="hidden text-xs text-stone-400 sm:inline">{language}</span>
        </span>
        <CopyButton value={code} label={`Copy: ${title}`} tone="dark" />
      </figcaption>
      <pre className="overflow-x-auto px-4 py-3 font-mono text-[13px] leading-relaxed text-stone-100" tabIndex={0} aria-label={`${title} (${language})`}>
        <code>{code}</code>
      </pre>
      {note && <p className="border-t border-stone-800 px-4 py-2 text-xs text-stone-400">{note}</p>}
    </figure>
  );
}

/** A command or flag inside a note, kept on one line. */
export const Cmd = ({ children }: { children: string }) => <code className="font-mono whitespace-nowrap text-stone-300">{children}</code>;
