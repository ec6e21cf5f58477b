/**
 * The most frequent function words of each language with a list here (Gopher's stop-word rule:
 * running text uses them, spam, lists of keywords and keyboard mashing do not). Languages without
 * a list (Chinese, Japanese, Korean, Arabic, Hindi, …) get no stop-word signal rather than a wrong one.
 */
const LISTS: Record<string, string> = {
  en: "the be to of and a an in that have it for not on with he as you do at this but his by from they we her she or will my one all would there their what so if about which when can is are was were has had been its our your them than then also into how just more",
  es: "de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante uno les ni contra otros ese eso",
  fr: "de la le et les des en un une du est que qui dans pour pas au sur se ne plus par avec ce il elle sont on ou mais comme nous vous leur cette son sa ses aux été très peut fait aussi être tout",
  de: "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man",
  pt: "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso",
  it: "di e il la che in a per un è del non una le si con i da dei al come lo più ma nel alla gli anche se sono delle questo ci ha della o sua suo essere quando molto tra",
  nl: "de en van het een in is dat op te zijn met voor niet aan er die om ook als dan maar bij of uit nog wel naar kan door over wordt tot je we hij zij",
  ru: "и в не на я что он с как а то это по но из у за от к так же бы все она для мы ты его или вы был если уже о только ее когда есть может при этом",
  pl: "i w nie na się z do to że jest jak o co ale po tak za od jego go już tylko czy przez być może dla jej są ich bo tym także oraz gdy",
  tr: "ve bir bu da de için ile ne gibi daha çok olarak en ama o kadar her şey sonra ki mi var değil olan bu veya ise ancak",
  vi: "và của là có các những cho không được trong với một này người đã khi để như từ thì cũng đến về nhiều",
  id: "dan yang di ini itu dengan untuk tidak dari dalam akan pada juga ke ada bisa karena oleh atau saya kami mereka",
};

const SETS = new Map(Object.entries(LISTS).map(([lang, list]) => [lang, new Set(list.split(" "))]));

/** The stop words of a language (ISO 639-1), or undefined when there is no list for it. */
export const stopWordsFor = (language: string | null): ReadonlySet<string> | undefined =>
  language ? SETS.get(language) : undefined;
