import { shortHex } from "../format";

/** A transaction hash, linked to the chain's explorer when it has one (the local chain has none). */
export function TxHash({ hash, explorer }: { hash: string; explorer?: string }) {
  const text = (
    <span className="font-mono text-xs" title={hash} data-testid="tx-hash">
      {shortHex(hash, 10, 8)}
    </span>
  );
  if (!explorer) return text;
  return (
    <a href={`${explorer.replace(/\/$/, "")}/tx/${hash}`} target="_blank" rel="noreferrer" className="underline decoration-stone-300 underline-offset-2 hover:decoration-current">
      {text}
    </a>
  );
}
