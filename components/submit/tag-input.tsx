"use client";

import { useState, type KeyboardEvent } from "react";
import { MAX_TAGS, normalizeTag, isValidTag } from "@/lib/submissions/tags";

/** Tag chips: Enter, comma or Tab adds the typed tag (normalized), Backspace on empty removes the last. */
export function TagInput({
  value,
  onChange,
  suggestions,
  invalid,
  describedBy,
}: {
  value: string[];
  onChange: (tags: string[]) => void;
  suggestions: string[];
  invalid: boolean;
  describedBy?: string;
}) {
  const [draft, setDraft] = useState("");
  const add = (raw: string) => {
    const tag = normalizeTag(raw);
    if (!tag || value.includes(tag) || value.length >= MAX_TAGS) return;
    onChange([...value, tag]);
    setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === "Enter" || event.key === "," || (event.key === "Tab" && draft)) && draft.trim()) {
      event.preventDefault();
      add(draft);
    } else if (event.key === "Backspace" && !draft && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };
  const typed = normalizeTag(draft);
  const open = suggestions.filter((s) => !value.includes(s) && (!typed || s.startsWith(typed))).slice(0, 8);
  return (
    <div>
      <div
        className={`flex min-h-11 flex-wrap items-center gap-1.5 rounded-xl border bg-white px-2 py-1.5 shadow-sm focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-200 ${
          invalid ? "border-red-400" : "border-stone-300"
        }`}
      >
        {value.map((tag) => (
          <span key={tag} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-sm text-brand-900">
            {tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              onClick={() => onChange(value.filter((t) => t !== tag))}
              className="grid size-5 place-items-center rounded-full text-brand-700 hover:bg-brand-100"
            >
              ×
            </button>
          </span>
        ))}
        <input
          id="tags"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => draft.trim() && add(draft)}
          placeholder={value.length === 0 ? "Type a tag and press Enter" : value.length < MAX_TAGS ? "Add another…" : ""}
          disabled={value.length >= MAX_TAGS}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className="min-w-32 flex-1 border-0 bg-transparent px-1 py-1 text-sm outline-none placeholder:text-stone-400"
        />
      </div>
      {draft && typed && !isValidTag(typed) && <p className="mt-1 text-xs text-amber-700">Tags use letters a–z, digits and hyphens.</p>}
      {open.length > 0 && (
        <div className="mt-2 flex flex-wrap gap-1.5" aria-label="Suggested tags">
          {open.map((s) => (
            <button
              key={s}
              type="button"
              onClick={() => add(s)}
              className="rounded-full border border-dashed border-stone-300 px-2.5 py-0.5 text-xs text-stone-600 hover:border-brand-500 hover:text-brand-700"
            >
              + {s}
            </button>
          ))}
        </div>
      )}
      <p className="mt-1 text-xs text-stone-500">
        {value.length}/{MAX_TAGS} tags
      </p>
    </div>
  );
}
