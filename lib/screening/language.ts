import { getLIDModel } from "fasttext.wasm.js";
import languages from "fasttext.wasm.js/dist/models/language-identification/assets/languages.json";

/**
 * Language identification with fastText's lid.176 model, which ships inside the fasttext.wasm.js
 * package (compiled to WebAssembly; nothing is downloaded). Loaded once per process, on first use.
 */
export type IdentifiedLanguage = { language: string; score: number };

type Prediction = { get(i: number): [number, string]; size(): number; delete(): void };
type Model = { predict(text: string, k: number, threshold: number): Prediction };

/** fastText scores the words it sees; a few thousand characters decide the language as well as ten thousand. */
const MAX_CHARS = 4000;

let model: Promise<Model> | undefined;

const loadModel = (): Promise<Model> => (model ??= getLIDModel().then((lid) => lid.load() as Promise<Model>));

const LABELS: Record<string, { alpha2: string | null }> = languages;

/** The ISO 639-1 code where the language has one (lid.176 labels are Wikipedia codes), otherwise the label. */
function isoCode(label: string): string {
  const code = label.replace("__label__", "");
  return LABELS[code]?.alpha2 ?? code;
}

export async function identifyLanguage(text: string): Promise<IdentifiedLanguage> {
  const ft = await loadModel();
  // fastText predicts on one line: the text after a line break would be ignored. lid.176 learned from cased text,
  // and a post in capitals came out as Chinese at 0.12: lower case reads as the language it is.
  const line = text.slice(0, MAX_CHARS).replace(/\s+/gu, " ").trim().toLowerCase();
  const prediction = ft.predict(line, 1, 0);
  try {
    if (prediction.size() === 0) return { language: "und", score: 0 };
    const [score, label] = prediction.get(0);
    return { language: isoCode(label), score: Math.round(score * 1e4) / 1e4 };
  } finally {
    // An Emscripten vector: its memory is not garbage-collected.
    prediction.delete();
  }
}
