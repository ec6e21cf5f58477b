"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { normalizeTag } from "@/lib/submissions/tags";
import { errorMessage, sendJson } from "../api-client";
import { FieldError, buttonClass, inputClass } from "../ui";

async function post(path: string, body: unknown): Promise<string | null> {
  const res = await sendJson(path, body);
  return res.ok ? null : errorMessage(res);
}

export function GrantValidatorForm() {
  const router = useRouter();
  const [address, setAddress] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const failure = await post("/api/validators", { address: address.trim() });
    setBusy(false);
    setError(failure ?? undefined);
    if (!failure) {
      setAddress("");
      router.refresh();
    }
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-2">
      <label htmlFor="grant-address" className="sr-only">
        Address to grant the validator role
      </label>
      <div className="min-w-64 flex-1">
        <input id="grant-address" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="0x… address" aria-invalid={!!error || undefined} className={inputClass} />
        <FieldError id="grant-error" message={error} />
      </div>
      <button type="submit" disabled={busy || !address.trim()} className={buttonClass.secondary}>
        Grant validator
      </button>
    </form>
  );
}

export function AddGoldForm() {
  const router = useRouter();
  const [content, setContent] = useState("");
  const [answer, setAnswer] = useState<"accept" | "reject">("reject");
  const [tag, setTag] = useState("");
  const [error, setError] = useState<string>();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const failure = await post("/api/gold", { content, answer, tags: [normalizeTag(tag)] });
    setError(failure ?? undefined);
    if (!failure) {
      setContent("");
      router.refresh();
    }
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <label htmlFor="gold-content" className="text-sm font-medium">
        Text with a known answer
      </label>
      <textarea id="gold-content" rows={3} value={content} onChange={(e) => setContent(e.target.value)} className={inputClass} aria-invalid={!!error || undefined} />
      <FieldError id="gold-error" message={error} />
      <p id="gold-tag-hint" className="text-xs text-stone-500">Tag it like the real items it imitates: a tag only gold items carry would give them away.</p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm">
          Answer{" "}
          <select value={answer} onChange={(e) => setAnswer(e.target.value as "accept" | "reject")} className="ml-1 rounded-lg border border-stone-300 px-2 py-1 text-sm">
            <option value="accept">accept</option>
            <option value="reject">reject</option>
          </select>
        </label>
        <label className="text-sm">
          Tag{" "}
          <input
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            placeholder="e.g. social-media"
            aria-describedby="gold-tag-hint"
            className="ml-1 w-36 rounded-lg border border-stone-300 px-2 py-1 text-sm"
          />
        </label>
        <button type="submit" disabled={!content.trim() || !normalizeTag(tag)} className={buttonClass.secondary}>
          Add gold item
        </button>
      </div>
    </form>
  );
}
