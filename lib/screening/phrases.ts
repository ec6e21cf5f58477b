/**
 * Phrase lists for the text signals, written for Commonplace. Each list is one case-insensitive
 * regular expression; a signal counts its matches. Kept short and specific: a phrase that good
 * explanations use ("read more about", "free software") would flag them.
 */

/** Page furniture scraped along with content (C4 and FineWeb drop documents built from it). */
export const BOILERPLATE = new RegExp(
  [
    String.raw`lorem ipsum`,
    String.raw`dolor sit amet`,
    String.raw`we use cookies`,
    String.raw`(?:web)?site uses cookies`,
    String.raw`cookie (?:policy|settings|preferences|consent)`,
    String.raw`accept (?:all )?cookies`,
    String.raw`click here`,
    String.raw`subscribe to (?:our|my) (?:newsletter|channel)`,
    String.raw`all rights reserved`,
    String.raw`privacy policy`,
    String.raw`terms (?:of (?:service|use)|and conditions)`,
    String.raw`(?:enable|javascript is (?:disabled|required|not enabled))`,
    String.raw`page not found`,
    String.raw`access denied`,
    String.raw`you do not have permission to view`,
    String.raw`share this:`,
    String.raw`must be logged in`,
    String.raw`log in \| register`,
    String.raw`not available in your (?:region|country)`,
    String.raw`(?:verwendet|nutzt) cookies`,
    String.raw`utilise des cookies`,
    String.raw`(?:utiliza|usa|utilizza) (?:cookies|i cookie)`,
    String.raw`related posts`,
    // Navigation: three or more short items between pipes. Anchored on the pipe, so a long text costs one scan.
    String.raw`\|(?: [^|\n]{1,24} \|){2,}`,
    String.raw`skip to (?:main )?content`,
    String.raw`©`,
  ].join("|"),
  "giu",
);

/** Promotion and scams: selling, urgency, giveaways, off-platform contact. */
export const PROMOTIONAL = new RegExp(
  [
    String.raw`buy now`,
    String.raw`order now`,
    String.raw`shop now`,
    String.raw`act now`,
    String.raw`limited[- ]time`,
    String.raw`limited offer`,
    String.raw`special offer`,
    String.raw`free (?:gift|bitcoin|btc|eth|crypto|iphone|spins?)`,
    String.raw`free free`,
    String.raw`give ?away`,
    String.raw`airdrop`,
    String.raw`double your (?:crypto|bitcoin|btc|eth|usdt|money in)`,
    String.raw`send \d+(?:[.,]\d+)? ?(?:eth|btc|usdt|bnb|sol)`,
    String.raw`guaranteed (?:profits?|returns?|income|results)`,
    String.raw`(?:earn|make) \$?\d[\d,.]* ?(?:\$|usd|dollars)? ?(?:a|per|every) (?:day|week|hour)`,
    String.raw`make money`,
    String.raw`work(?:ing)? from home`,
    String.raw`no credit check`,
    String.raw`bad credit`,
    String.raw`cash fast`,
    String.raw`doctors hate`,
    String.raw`(?:saw|seen) your profile`,
    String.raw`feeling lonely`,
    String.raw`(?:package|parcel|delivery) (?:is )?on hold`,
    String.raw`update your (?:delivery|payment|billing|shipping) (?:details|information|address)`,
    String.raw`casino`,
    String.raw`(?:bonus|promo|discount|coupon) code`,
    String.raw`weight[- ]loss`,
    String.raw`lose \d+ ?(?:lbs|pounds|kg|kilos)`,
    String.raw`miracle`,
    String.raw`dm me`,
    String.raw`telegram`,
    String.raw`whats ?app`,
    String.raw`100 ?% (?:free|guaranteed|legit)`,
    String.raw`risk[- ]free`,
    String.raw`click (?:the |this )?link`,
    String.raw`(?:you(?:'ve| have)? won|you are (?:the|our) (?:lucky )?winner)`,
    String.raw`claim your (?:prize|reward|bonus)`,
    String.raw`viagra`,
    String.raw`cheap (?:pills|meds)`,
    String.raw`investment opportunity`,
    String.raw`passive income`,
    String.raw`(?:buy|get) (?:[\d,.]+ )?(?:real |instagram |tiktok )?(?:followers|likes)`,
    String.raw`verify your (?:wallet|account|identity)`,
    String.raw`(?:seed|recovery) phrase`,
    String.raw`(?:account|wallet) (?:will be |has been )?(?:suspended|locked|closed)`,
    String.raw`confidential (?:proposal|business|transaction)`,
    String.raw`next of kin`,
    String.raw`deceased client`,
    String.raw`unpaid (?:customs )?fee`,
    String.raw`customs fee`,
    String.raw`pay (?:it )?immediately`,
    String.raw`(?:through|via|use) my (?:link|code|referral)`,
    String.raw`affiliate link`,
    String.raw`[?&]tag=`,
    String.raw`seo (?:services|agency)`,
    String.raw`выиграли`,
    String.raw`перейдите по ссылке`,
    String.raw`haz clic`,
    String.raw`gana dinero`,
    String.raw`oferta limitada`,
    String.raw`cliquez ici`,
    String.raw`gagnez`,
    String.raw`perdez \d+ ?kg`,
    String.raw`médecins détestent`,
    String.raw`préstamos? rápidos?`,
    String.raw`pierde \d+ ?kg`,
    String.raw`offre limitée`,
    String.raw`jetzt kaufen`,
    String.raw`klicken sie hier`,
    String.raw`gewinnen sie`,
    String.raw`clique aqui`,
    String.raw`ganhe dinheiro`,
    String.raw`заработ`,
    String.raw`бесплатно`,
    String.raw`кликни`,
  ].join("|"),
  "giu",
);

/**
 * Insults aimed at a person, which profanity lists leave out; the profanity itself comes from the
 * obscenity library's English data set.
 */
export const INSULTS =
  /\b(?:idiots?|moron(?:s|ic)?|stupid|imbeciles?|losers?|dumb(?:ass)?|jackass|pathetic|worthless|scum|shut up|clowns?|trash|screw you|go to hell|piece of (?:shit|crap|garbage|trash))\b/giu;

export function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n++;
  return n;
}
