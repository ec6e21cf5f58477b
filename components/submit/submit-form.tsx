"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import type { Screening } from "@/lib/screening/screen";
import { flagSentences, languageList, languageName } from "@/lib/screening/describe";
import { checkTextRules, type ScreeningSettings } from "@/lib/screening/hard-rules";
import { words } from "@/lib/screening/words";
import { charCount, MAX_CONTENT_LENGTH } from "@/lib/submissions/content-length";
import { LICENSES, type LicenseId } from "@/lib/submissions/licenses";
import { sendJson, type ApiErrorBody } from "../api-client";
import { Card, FieldError, buttonClass, inputClass } from "../ui";
import { useWalletBridge } from "../wallet/wallet-bridge";
import { MY_SUBMISSIONS_KEY } from "./my-submissions";
import { TagInput } from "./tag-input";

export type SubmitPrefill = { content: string; sourceUrl: string; tags: string[] };
type Errors = Partial<Record<"content" | "sourceUrl" | "tags" | "license" | "form", string>>;
type Created = { id: string; nearDuplicateOf: string | null; piiFlags: string[]; screening: Screening };

const FIELD_OF = (field?: string): keyof Errors => {
  const head = field?.split(".")[0];
  return head === "content" || head === "sourceUrl" || head === "tags" || head === "license" ? head : "form";
};

/** The wallet comes through wallet-bridge.ts, so the page needs no wallet code until the visitor connects one. */
export function SubmitForm({ prefill, chainId, screening }: { prefill: SubmitPrefill; chainId: number; screening: ScreeningSettings }) {
  const [content, setContent] = useState(prefill.content);
  // The screening's text rules are checked as the contributor types once they left the field or tried to submit:
  // not while they are writing their first words.
  const [checkRules, setCheckRules] = useState(false);
  const [sourceUrl, setSourceUrl] = useState(prefill.sourceUrl);
  const [tags, setTags] = useState<string[]>(prefill.tags);
  const [license, setLicense] = useState<LicenseId>("CC-BY-4.0");
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<Created | null>(null);
  const { address, profile, signSubmission } = useWalletBridge();
  const queryClient = useQueryClient();
  const { data: suggestions } = useQuery({
    queryKey: ["top-tags"],
    queryFn: async () => ((await (await fetch("/api/tags")).json()) as { tags: { tag: string }[] }).tags.map((t) => t.tag),
    staleTime: 60_000,
  });

  const submit = useMutation({
    mutationFn: async () => {
      if (!address || !profile || !signSubmission) throw new Error("Connect your wallet and sign in first.");
      const fields = { content, sourceUrl: sourceUrl.trim() || undefined, tags, license };
      const issuedAt = Math.floor(Date.now() / 1000);
      // viem's hashing, like zod below, is only needed to submit: loaded then, not with the page.
      const { submissionTypedData } = await import("@/lib/submissions/typed-data");
      const signature = await signSubmission(submissionTypedData({ ...fields, contributor: address, issuedAt }, chainId));
      const res = await sendJson("/api/submissions", { ...fields, issuedAt, signature });
      const body = (await res.json()) as ApiErrorBody & Created;
      if (!res.ok) {
        setErrors({ [FIELD_OF(body.error?.field)]: body.error?.message ?? `Submission failed (${res.status}).` });
        return null;
      }
      return body;
    },
    onSuccess: (result) => {
      if (!result) return;
      setCreated({ id: result.id, nearDuplicateOf: result.nearDuplicateOf, piiFlags: result.piiFlags, screening: result.screening });
      setContent("");
      setCheckRules(false);
      setSourceUrl("");
      setTags([]);
      void queryClient.invalidateQueries({ queryKey: MY_SUBMISSIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: ["top-tags"] });
    },
    onError: (error) => setErrors({ form: error.message.split("\n")[0] }),
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setCheckRules(true);
    // zod (about 120 KB) is only needed here: it loads on the first submit, not with the page.
    const { submissionFieldsSchema } = await import("@/lib/submissions/schema");
    const parsed = submissionFieldsSchema.safeParse({ content, sourceUrl: sourceUrl.trim() || undefined, tags, license });
    const next: Errors = {};
    if (!parsed.success) for (const issue of parsed.error.issues) next[FIELD_OF(String(issue.path[0]))] ??= issue.message;
    // The screening's hard rules the text alone decides refuse here, before the wallet is asked to sign.
    next.content ??= checkTextRules(content, screening)?.message;
    if (Object.values(next).some(Boolean)) {
      setErrors(next);
      return;
    }
    setErrors({});
    submit.mutate();
  };

  const count = charCount(content);
  // Segmented once per edit: the counter and the live rule read the same words.
  const contentWords = useMemo(() => words(content), [content]);
  const wordCount = contentWords.length;
  const ruleFailure = useMemo(
    () => (checkRules ? checkTextRules(content, screening, contentWords) : null),
    [checkRules, content, screening, contentWords],
  );
  // A refusal for an earlier text (the server's, or the last submit's) is dropped on edit; the live rule takes over.
  const contentError = errors.content ?? ruleFailure?.message;
  const onContentChange = (value: string) => {
    setContent(value);
    if (errors.content) setErrors(({ content: _, ...rest }) => rest);
  };
  const ready = !!address && !!profile && !!signSubmission;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <Card className="space-y-5">
        <div>
          <div className="flex items-baseline justify-between">
            <label htmlFor="content" className="text-sm font-semibold">
              Content
            </label>
            <span className="text-xs text-stone-500 tabular-nums" aria-live="polite">
              {wordCount.toLocaleString("en-US")} word{wordCount === 1 ? "" : "s"} ·{" "}
              <span className={count > MAX_CONTENT_LENGTH ? "font-semibold text-red-700" : undefined}>
                {count.toLocaleString("en-US")} / {MAX_CONTENT_LENGTH.toLocaleString("en-US")}
              </span>
            </span>
          </div>
          <textarea
            id="content"
            value={content}
            onChange={(e) => onContentChange(e.target.value)}
            onBlur={() => setCheckRules((on) => on || content.trim().length > 0)}
            rows={9}
            placeholder="Paste the post, thread, article or answer worth learning from."
            aria-invalid={!!contentError || undefined}
            aria-describedby={contentError ? "content-error content-hint" : "content-hint"}
            className={`${inputClass} mt-2 font-[inherit] leading-relaxed`}
          />
          <FieldError id="content-error" message={contentError} />
          <p id="content-hint" className="mt-1.5 text-xs text-stone-500">
            At least {screening.minWords} words
            {screening.allowedLanguages.length > 0 && <>, written in {languageList(screening.allowedLanguages)}</>}.
          </p>
        </div>
        <div>
          <label htmlFor="sourceUrl" className="text-sm font-semibold">
            Source URL <span className="font-normal text-stone-500">(optional)</span>
          </label>
          <input
            id="sourceUrl"
            type="url"
            inputMode="url"
            value={sourceUrl}
            onChange={(e) => setSourceUrl(e.target.value)}
            placeholder="https://…"
            aria-invalid={!!errors.sourceUrl || undefined}
            aria-describedby={errors.sourceUrl ? "sourceUrl-error" : undefined}
            className={`${inputClass} mt-2`}
          />
          <FieldError id="sourceUrl-error" message={errors.sourceUrl} />
        </div>
        <div className="grid gap-5 sm:grid-cols-[1fr_14rem]">
          <div>
            <label htmlFor="tags" className="text-sm font-semibold">
              Tags
            </label>
            <div className="mt-2">
              <TagInput value={tags} onChange={setTags} suggestions={suggestions ?? []} invalid={!!errors.tags} describedBy={errors.tags ? "tags-error" : undefined} />
            </div>
            <FieldError id="tags-error" message={errors.tags} />
          </div>
          <div>
            <label htmlFor="license" className="text-sm font-semibold">
              License
            </label>
            <select id="license" value={license} onChange={(e) => setLicense(e.target.value as LicenseId)} className={`${inputClass} mt-2`}>
              {LICENSES.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
            <FieldError id="license-error" message={errors.license} />
          </div>
        </div>
      </Card>

      <Card>
        <h2 className="text-sm font-semibold">Preview</h2>
        <p className="mt-1 text-xs text-stone-500">Exactly what validators will see. Text stays text: markup and links are not rendered.</p>
        <div className="mt-4 rounded-xl bg-stone-50 p-4">
          {content.trim() ? (
            <p className="max-h-72 overflow-auto text-sm leading-relaxed wrap-anywhere whitespace-pre-wrap" data-testid="preview">
              {content}
            </p>
          ) : (
            <p className="text-sm text-stone-500">Nothing to preview yet.</p>
          )}
          <div className="mt-3 flex flex-wrap items-center gap-2 text-xs text-stone-600">
            {tags.map((t) => (
              <span key={t} className="rounded-full bg-white px-2 py-0.5 ring-1 ring-stone-200">
                #{t}
              </span>
            ))}
            {sourceUrl.trim() && <span className="truncate">from {sourceUrl.trim()}</span>}
            <span>· {license}</span>
          </div>
        </div>
      </Card>

      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={!ready || submit.isPending} className={buttonClass.primary}>
          {submit.isPending ? "Check your wallet…" : "Sign and submit"}
        </button>
        {!ready && <p className="text-sm text-stone-600">Connect your wallet and sign in (top right) to submit.</p>}
        <FieldError id="form-error" message={errors.form} />
      </div>
      {created && (
        <div role="status" className="rounded-xl border border-brand-200 bg-brand-50 p-4 text-sm text-brand-900">
          <p className="font-semibold">Submitted — it is now pending review.</p>
          {created.nearDuplicateOf && <p className="mt-1">It closely resembles an earlier item; validators will see that hint.</p>}
          {created.piiFlags.length > 0 && <p className="mt-1">It may contain personal data ({created.piiFlags.join(", ")}); validators will check.</p>}
          <ScreeningOutcome screening={created.screening} />
        </div>
      )}
    </form>
  );
}

function ScreeningOutcome({ screening }: { screening: Screening }) {
  const flags = flagSentences(screening.reasons);
  const language = languageName(screening.language);
  if (flags.length === 0) return <p className="mt-1">Screening read it as {language} and found nothing to flag.</p>;
  return (
    <div className="mt-2 border-t border-brand-200 pt-2">
      <p>
        Screening read it as {language} and flagged it; validators will see why:
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {flags.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </div>
  );
}
