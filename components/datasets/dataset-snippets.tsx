import { CodeSnippet } from "./code-snippet";

/** The copy-paste commands for one epoch, with absolute URLs of this deployment. */
export function datasetSnippets({ origin, epoch, jsonlSha256, distributor }: { origin: string; epoch: number; jsonlSha256: string | null; distributor: string | null }) {
  const base = `${origin}/api/datasets/${epoch}/files`;
  return [
    {
      id: "curl",
      title: "Download and check",
      language: "shell",
      code: [
        `curl -L -o data.jsonl ${base}/data.jsonl`,
        jsonlSha256 ? `echo "${jsonlSha256}  data.jsonl" | sha256sum -c -` : "sha256sum data.jsonl  # compare with manifest.json",
      ].join("\n"),
      note: "Prints “data.jsonl: OK” when the file matches the manifest. Interrupted? Add -C - to resume: the server supports Range requests.",
    },
    {
      id: "python-jsonl",
      title: "Load the JSONL with datasets",
      language: "python",
      code: `from datasets import load_dataset\n\nds = load_dataset("json", data_files="${base}/data.jsonl")`,
    },
    {
      id: "python-parquet",
      title: "Load the Parquet with datasets",
      language: "python",
      code: `from datasets import load_dataset\n\nds = load_dataset("parquet", data_files="${base}/data.parquet")`,
    },
    {
      id: "verify",
      title: "Verify against the chain",
      language: "shell",
      code: `npx commonplace-verify ${base} --rpc <RPC_URL>${distributor ? ` --distributor ${distributor}` : ""}`,
      note: "Checks every file's sha256 against the manifest, recomputes the dataset and reward roots from the files and compares them with the chain. Exits non-zero on any mismatch.",
    },
  ] as const;
}

export function DatasetSnippets(props: Parameters<typeof datasetSnippets>[0]) {
  return (
    <div className="grid gap-4">
      {datasetSnippets(props).map((s) => (
        <CodeSnippet key={s.id} id={s.id} title={s.title} language={s.language} code={s.code} note={"note" in s ? s.note : undefined} />
      ))}
    </div>
  );
}
