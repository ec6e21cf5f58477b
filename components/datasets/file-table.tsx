import type { DatasetFile } from "@/lib/snapshots/catalog";
import { CopyButton } from "./copy-button";
import { formatBytes } from "./format";

const DESCRIPTIONS: Record<string, string> = {
  "data.jsonl": "Items, one JSON object a line",
  "data.parquet": "Items, columnar",
  "data.csv": "Items, spreadsheet-friendly",
  "votes.jsonl": "Every vote on these items",
  "rewards.json": "Cumulative rewards and proofs",
  "README.md": "Hugging Face dataset card",
  "croissant.json": "MLCommons Croissant metadata",
  "manifest.json": "Sizes and sha256 of every file, the roots",
};

/** Every file of a snapshot with its size, media type and checksum; scrolls sideways inside its card on phones. */
export function FileTable({ files }: { files: readonly DatasetFile[] }) {
  return (
    <div className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Files of this snapshot</caption>
        <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              File
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Size
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Type
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              SHA-256
            </th>
            <th scope="col" className="sticky right-0 bg-stone-50 px-4 py-3 font-medium">
              <span className="sr-only">Download</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {files.map((file) => (
            <tr key={file.name} data-testid={`file-${file.name}`}>
              <th scope="row" className="px-4 py-3 font-normal whitespace-nowrap">
                <span className="font-mono text-[13px] font-medium">{file.name}</span>
                {DESCRIPTIONS[file.name] && <span className="block text-xs text-stone-500">{DESCRIPTIONS[file.name]}</span>}
              </th>
              <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums" title={`${file.bytes.toLocaleString("en-US")} bytes`}>
                {formatBytes(file.bytes)}
              </td>
              <td className="px-4 py-3 font-mono text-xs whitespace-nowrap text-stone-600">{file.mediaType}</td>
              <td className="px-4 py-3 whitespace-nowrap">
                <span className="inline-flex items-center gap-2">
                  <code className="font-mono text-xs text-stone-700" title={file.sha256} data-sha256={file.sha256}>
                    {file.sha256.slice(0, 12)}…{file.sha256.slice(-6)}
                  </code>
                  <CopyButton value={file.sha256} label={`Copy the sha256 of ${file.name}`} compact />
                </span>
              </td>
              {/* Sticky, so the download stays in reach while the wider columns scroll on phones. */}
              <td className="sticky right-0 bg-white/95 px-4 py-3 text-right whitespace-nowrap shadow-[-8px_0_8px_-8px_rgb(0_0_0/0.12)] sm:shadow-none">
                <a
                  href={file.url}
                  download={file.name}
                  className="inline-flex items-center gap-1.5 rounded-full border border-stone-300 px-3 py-1.5 text-xs font-semibold hover:border-brand-500 hover:text-brand-700"
                  aria-label={`Download ${file.name} (${formatBytes(file.bytes)})`}
                >
                  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden className="size-3.5">
                    <path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" />
                  </svg>
                  Download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
