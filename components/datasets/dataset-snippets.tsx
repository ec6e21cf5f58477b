import { CodeSnippet } from "./code-snippet";

/** The copy-paste commands for one epoch, with absolute URLs of this deployment. */
export function datasetSnippets({ origin, epoch, jsonlSha256, cid }: { origin: string; epoch: number; jsonlSha256: string | null; cid: string | null }) {
  const base = `${origin}/api/datasets/${epoch}/files`;
  const ipfs = cid
    ? [
        {
          id: "ipfs",
          title: "Get it over IPFS",
          language: "shell",
          code: [
            `# From any IPFS node that has it (the CID is the same wherever the files are added):`,
            `ipfs get ${cid} -o commonplace-epoch-${epoch}`,
            `# Or import this site's CAR into your own node, then pin it:`,
            `curl -L -o snapshot.car ${base}/snapshot.car && ipfs dag import snapshot.car`,
            `# Through a public gateway:`,
            `curl -L https://${cid}.ipfs.dweb.link/data.jsonl`,
          ].join("\n"),
          note: "The CID is in manifest.json, so the manifest hash on chain anchors it too. A gateway serves it only once some node provides it: importing the CAR and pinning makes yours one.",
        },
      ]
    : [];
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
    ...ipfs,
    {
      id: "verify",
      title: "Verify everything, with the chain",
      language: "shell",
      code: `npx commonplace-verify ${base} --rpc <RPC_URL>`,
      note: "Checks every file against the manifest, every contributor's and validator's signature, replays every decision and the reward allocation, recomputes the roots and the CID, and compares them with the chain. Exits non-zero on any mismatch.",
    },
  ];
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
