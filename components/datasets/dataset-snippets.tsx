import type { ReactNode } from "react";
import { Cmd, CodeSnippet } from "./code-snippet";
import { fileUrl } from "@/lib/snapshots/files";

type SnippetInput = {
  origin: string;
  epoch: number;
  jsonlSha256: string | null;
  cid: string | null;
  /** An RPC of the epoch's chain that browsers may use, or null when this app serves another chain. */
  rpcUrl: string | null;
  chainId: number;
};

type Snippet = { id: string; title: string; language: string; code: string; note?: ReactNode };

/** Copy-paste commands for one epoch that work as printed: absolute URLs of this deployment, this epoch's checksum and chain. */
export function datasetSnippets({ origin, epoch, jsonlSha256, cid, rpcUrl, chainId }: SnippetInput): Snippet[] {
  const url = (name: string) => `${origin}${fileUrl(epoch, name)}`;
  const ipfs: Snippet[] = cid
    ? [
        {
          id: "ipfs",
          title: "IPFS",
          language: "shell",
          code: [
            `# From any IPFS node that has it (the CID is the same wherever the files are added):`,
            `ipfs get ${cid} -o commonplace-epoch-${epoch}`,
            `# Or import this site's CAR into your own node, then pin it:`,
            `curl -fL -o snapshot.car ${url("snapshot.car")} && ipfs dag import snapshot.car`,
            `# Through a public gateway:`,
            `curl -fL https://${cid}.ipfs.dweb.link/data.jsonl`,
          ].join("\n"),
          note: (
            <>
              The CID is in <Cmd>manifest.json</Cmd>, so the manifest hash on chain anchors it too. A gateway serves it only once some node
              provides it: importing the CAR and pinning makes yours one.
            </>
          ),
        },
      ]
    : [];
  return [
    {
      id: "datasets-jsonl",
      title: "Hugging Face datasets · JSONL",
      language: "python",
      code: `from datasets import load_dataset\n\nds = load_dataset("json", data_files="${url("data.jsonl")}", split="train")`,
    },
    {
      id: "datasets-parquet",
      title: "Hugging Face datasets · Parquet",
      language: "python",
      code: `from datasets import load_dataset\n\nds = load_dataset("parquet", data_files="${url("data.parquet")}", split="train")`,
    },
    {
      id: "pandas",
      title: "pandas",
      language: "python",
      code: `import pandas as pd\n\ndf = pd.read_parquet("${url("data.parquet")}")`,
      note: (
        <>
          Needs pyarrow: <Cmd>pip install pandas pyarrow</Cmd>.
        </>
      ),
    },
    {
      id: "duckdb",
      title: "DuckDB",
      language: "sql",
      code: [
        `-- In the duckdb shell, or duckdb.sql("…") in Python: the most used tags`,
        `SELECT tag, count(*) AS items, round(avg(quality), 2) AS mean_quality`,
        `FROM (SELECT unnest(tags) AS tag, quality FROM '${url("data.parquet")}')`,
        `GROUP BY tag ORDER BY items DESC LIMIT 10;`,
      ].join("\n"),
      note: "DuckDB loads its httpfs extension on first use and reads only the columns a query needs, through Range requests.",
    },
    {
      id: "curl",
      title: "Download and check",
      language: "shell",
      code: jsonlSha256
        ? `curl -fLO ${url("data.jsonl")} &&\n  echo "${jsonlSha256}  data.jsonl" | sha256sum -c`
        : `curl -fLO ${url("data.jsonl")} && sha256sum data.jsonl  # compare with manifest.json`,
      note: (
        <>
          Prints <Cmd>data.jsonl: OK</Cmd> when the file matches the manifest (on macOS: <Cmd>shasum -a 256 -c</Cmd>). Interrupted? Add{" "}
          <Cmd>-C -</Cmd> to resume: the server supports Range requests.
        </>
      ),
    },
    ...ipfs,
    {
      id: "verify",
      title: "Verify everything, with the chain",
      language: "shell",
      code: [
        `# In a clone of Commonplace's source repository, after npm install:`,
        `npx --no commonplace-verify ${origin}/datasets/${epoch} --rpc ${rpcUrl ?? `<RPC_URL of chain ${chainId}>`}`,
      ].join("\n"),
      note: (
        <>
          It is not on npm: <Cmd>--no</Cmd> stops npx from fetching a stranger&apos;s package of that name. It checks every file against the manifest and
          every contributor&apos;s and validator&apos;s signature, replays the decisions and the reward allocation, recomputes the roots and the CID, and
          compares them with the distributor&apos;s record on chain. Exits non-zero on any mismatch; <Cmd>--json</Cmd> prints the checks for scripts.
        </>
      ),
    },
  ];
}

export function DatasetSnippets(props: SnippetInput) {
  return (
    <ul className="grid gap-4" aria-label="Code to load, download and verify this epoch">
      {datasetSnippets(props).map((s) => (
        <li key={s.id} className="min-w-0">
          <CodeSnippet id={s.id} title={s.title} language={s.language} code={s.code} note={s.note} />
        </li>
      ))}
    </ul>
  );
}
