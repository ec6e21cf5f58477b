import { describe, expect, it } from "vitest";
import { checkLanguageRule, checkTextRules } from "./hard-rules";
import { identifyLanguage } from "./language";
import { screenText } from "./screen";
import { computeSignals } from "./signals";
import { words } from "./words";

const settings = { minWords: 10, allowedLanguages: [] };

describe("words", () => {
  it("counts Chinese and Japanese words without spaces as a reader would, and skips punctuation and emoji", () => {
    expect(words("这是一个中文段落，用于测试语言识别。").length).toBeGreaterThanOrEqual(6);
    expect(words("これは日本語の文章です。")).toEqual(["これ", "は", "日本語", "の", "文章", "です"]);
    expect(words("Hello, world! 👍 …")).toEqual(["Hello", "world"]);
  });
});

describe("hard rules", () => {
  it("refuses no letters before counting words, then fewer than the minimum", () => {
    expect(checkTextRules("12345 678 90 11 12 13 14 15 16 17 18", settings)?.rule).toBe("no_letters");
    expect(checkTextRules("🙂🙂🙂", settings)?.rule).toBe("no_letters");
    expect(checkTextRules("one two three four five six seven eight nine", settings)).toMatchObject({
      rule: "too_few_words",
      message: "The content has 9 words; items need at least 10.",
    });
    expect(checkTextRules("one two three four five six seven eight nine ten", settings)).toBeNull();
  });

  it("takes every language when none is configured, and names the languages taken when one is refused", () => {
    expect(checkLanguageRule("fr", { allowedLanguages: [] })).toBeNull();
    expect(checkLanguageRule("fr", { allowedLanguages: ["fr"] })).toBeNull();
    expect(checkLanguageRule("ja", { allowedLanguages: ["en", "es"] })?.message).toBe(
      "The content looks like Japanese; this network takes English or Spanish.",
    );
  });
});

describe("language", () => {
  it("reads past the first line break (fastText alone predicts on the first line only)", async () => {
    const text = "Hi\nLa mémoire d'un ordinateur garde les données pendant que le processeur les traite, puis les rend.";
    expect((await identifyLanguage(text)).language).toBe("fr");
  });
});

describe("signals", () => {
  it("measures shouting, links, repetition and promotion on spam", () => {
    const shouting = computeSignals("FREE CRYPTO GIVEAWAY!!!! SEND 0.5 ETH AND GET 5 ETH BACK TODAY", "en");
    expect(shouting.caps_share).toBe(1);
    expect(shouting.promo_phrases).toBeGreaterThanOrEqual(2);
    expect(shouting.repeated_char_share).toBeGreaterThan(0);
    const links = computeSignals("Best deals: https://a.example https://b.example https://c.example www.d.example", "en");
    expect(links.link_count).toBe(4);
    expect(links.link_density).toBeGreaterThan(0.5);
  });

  it("counts repeated lines and phrases, and leaves stop words and profanity unmeasured where it has no list", () => {
    const s = computeSignals("Subscribe now\nSubscribe now\nSubscribe now\nThanks", "zh");
    expect(s.duplicate_line_share).toBe(0.5);
    expect(s.stop_word_share).toBeNull();
    expect(s.profanity).toBeNull();
  });

  it("does not call a script without case shouting", () => {
    expect(computeSignals("नमस्ते, UPI से पैसे भेजते समय ध्यान रखें कि आप सही व्यक्ति को भेज रहे हैं।", "hi").caps_share).toBeLessThan(0.2);
  });
});

describe("screenText", () => {
  it("passes a plain explanation and flags abuse with its reason", async () => {
    const good = await screenText(
      "Rainbows appear when sunlight enters raindrops, bends, reflects off the back of the drop and bends again on the way out.",
      settings,
    );
    expect(good).toMatchObject({ refused: null, screening: { verdict: "pass", language: "en", reasons: [] } });
    const abusive = await screenText("Shut up, you absolute moron, nobody asked for your stupid opinion on this thread.", settings);
    expect(abusive).toMatchObject({ refused: null, screening: { verdict: "flag", reasons: expect.arrayContaining(["profanity"]) } });
  });

  it("takes English in capitals as English, and flags rather than refuses a text whose language the model is unsure of", async () => {
    const english = { minWords: 10, allowedLanguages: ["en"] };
    const shouted = await screenText("WRITE-AHEAD LOGGING MAKES DATABASES DURABLE: CHANGES HIT A SEQUENTIAL LOG BEFORE THE PAGES.", english);
    expect(shouted).toMatchObject({ refused: null, screening: { language: "en", reasons: expect.arrayContaining(["shouting"]) } });
    const unsure = await screenText("zorp flim quandle brix tovo skee wumba jink plosh vrendo kitch", english);
    expect(unsure).toMatchObject({ refused: null, screening: { verdict: "flag", reasons: expect.arrayContaining(["uncertain_language"]) } });
  });
});
