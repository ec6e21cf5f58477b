import { existsSync } from "node:fs";
import { formatTable } from "../lib/bench/table";
import { EVALUATION_SETS, EVALUATION_TARGETS, evaluate, LABELS, loadLabelledSet } from "../lib/screening/evaluation/evaluate";

/**
 * Runs the AI screening over each labelled set and prints the confusion table, recall and precision
 * of "flag or refuse" on bad items, the pass rate of good items, language accuracy and the time per
 * item. Exits 1 when a target is missed. `--misses` lists every item screened against its label.
 */
async function main() {
  const showMisses = process.argv.includes("--misses");
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const t = EVALUATION_TARGETS;
  let allMet = true;
  for (const set of EVALUATION_SETS) {
    if (!existsSync(set.path)) continue;
    const items = loadLabelledSet(set.path);
    const e = await evaluate(items);
    console.log(`\n# ${set.name}: ${items.length} labelled items (${set.path})\n${set.about}`);
    console.log(
      formatTable({
        title: "Confusion: label × outcome",
        rows: LABELS.map((label) => {
          const c = e.confusion[label];
          const total = c.refused + c.flagged + c.passed;
          return { label, items: total, refused: c.refused, flagged: c.flagged, passed: c.passed, "flagged or refused": pct((c.refused + c.flagged) / total) };
        }),
      }),
    );
    const rows = [
      { measure: "bad items flagged or refused (recall)", value: pct(e.badCaught), target: `≥ ${pct(t.badCaught)}`, met: e.badCaught >= t.badCaught },
      { measure: "flagged or refused items that are bad (precision)", value: pct(e.precision), target: "–", met: true },
      { measure: "good items passed", value: pct(e.goodPassed), target: `≥ ${pct(t.goodPassed)}`, met: e.goodPassed >= t.goodPassed },
      {
        measure: `language right (good items of 20+ words, n=${e.languageChecked})`,
        value: pct(e.languageRight),
        target: `≥ ${pct(t.languageRight)}`,
        met: e.languageRight >= t.languageRight,
      },
      { measure: "screening time per item, median", value: `${e.medianMs.toFixed(3)} ms`, target: `≤ ${t.medianMs} ms`, met: e.medianMs <= t.medianMs },
      { measure: "screening time per item, p99", value: `${e.p99Ms.toFixed(3)} ms`, target: "–", met: true },
    ];
    console.log(formatTable({ title: "Targets", rows: rows.map((r) => ({ ...r, met: r.met ? "yes" : "NO" })) }));
    allMet &&= rows.every((r) => r.met);
    if (showMisses)
      for (const m of e.items.filter((i) => (i.label === "good") !== (i.outcome === "passed") || (i.label === "good" && i.identified !== i.language)))
        console.log(`${m.id}\t${m.outcome}\t${m.detail}\t${m.identified ?? "-"}/${m.language ?? "-"}\t${m.text.slice(0, 90).replace(/\n/g, " ")}`);
  }
  process.exitCode = allMet ? 0 : 1;
}

void main();
