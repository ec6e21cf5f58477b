/** One named check's outcome, as the verifier and the doctor report them. */
export type CheckLine = { name: string; ok: boolean; detail: string };

const color = process.stdout.isTTY && !process.env.NO_COLOR;

/** `text` in an ANSI color when stdout is a terminal and NO_COLOR is unset. */
export const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

/** "  ✓ name  detail" per check, names padded to one column. */
export function checkLines(checks: readonly CheckLine[]): string[] {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks.map((c) => `  ${c.ok ? paint(32, "✓") : paint(31, "✗")} ${c.name.padEnd(width)}  ${c.detail}`);
}
