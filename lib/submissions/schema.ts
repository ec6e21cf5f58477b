import { z } from "zod";
import { multiLineText, singleLineText } from "../http/text";
import { charCount, MAX_CONTENT_LENGTH } from "./content-length";
import { LICENSE_IDS } from "./licenses";
import { isValidTag, MAX_TAG_LENGTH, MAX_TAGS, normalizeTag } from "./tags";

// The submit form parses with these schemas in pages whose CSP forbids eval: zod must not build
// its compiled parsers with `new Function` (it probes for that when a schema is created).
z.config({ jitless: true });

export const MAX_URL_LENGTH = 2048;

/** Only http(s) sources: a javascript:, data: or ftp: link would be rendered to validators and AI teams. */
const sourceUrl = singleLineText(MAX_URL_LENGTH, "The source URL")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, "The source must be an http or https URL.");

const tag = z
  .string()
  .max(MAX_TAG_LENGTH, `Tags are at most ${MAX_TAG_LENGTH} characters.`)
  .refine(isValidTag, "Tags use lowercase letters, digits and single hyphens only.")
  .refine((t) => normalizeTag(t) === t, "Tags must be normalized (lowercase, hyphens).");

/** The fields a contributor fills in; shared by the form (live validation) and the API. */
export const submissionFieldsSchema = z.object({
  content: multiLineText("Content")
    .refine((c) => c.trim().length > 0, "Write or paste the content to submit.")
    .refine((c) => charCount(c) <= MAX_CONTENT_LENGTH, `Content is limited to ${MAX_CONTENT_LENGTH.toLocaleString("en-US")} characters.`),
  sourceUrl: sourceUrl.optional().nullable(),
  tags: z
    .array(tag)
    .min(1, "Add at least one tag.")
    .max(MAX_TAGS, `Use at most ${MAX_TAGS} tags.`)
    .refine((tags) => new Set(tags).size === tags.length, "Each tag only once."),
  license: z.enum(LICENSE_IDS, { message: "Choose one of the listed licenses." }),
});

/** POST /api/submissions: the fields plus the EIP-712 signature over them. */
export const submissionRequestSchema = submissionFieldsSchema.extend({
  issuedAt: z.number().int("issuedAt is whole unix seconds.").positive(),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, "The signature must be 65 bytes of 0x-prefixed hex."),
});

export type SubmissionFieldsInput = z.infer<typeof submissionFieldsSchema>;
export type SubmissionRequest = z.infer<typeof submissionRequestSchema>;
