import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { summarize } from "@/lib/snapshots/catalog";
import { createSnapshot, nextEpoch } from "@/lib/snapshots/create";
import { currentSnapshotSettings } from "@/lib/snapshots/settings";

/**
 * Freezes and exports the next epoch. The answer streams NDJSON progress lines
 * ({type:"progress",file,rows,done}) and ends with {type:"done",snapshot} or {type:"error",error}.
 */
export const POST = route({ auth: "curator", limit: "snapshots" }, async ({ db, session }) => {
  const epoch = await nextEpoch(db);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: unknown) => controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
      send({ type: "started", epoch });
      try {
        const snapshot = await createSnapshot(db, currentSnapshotSettings(), (p) => send({ type: "progress", ...p }));
        log.info("snapshot_created", { epoch: snapshot.epoch, items: snapshot.itemCount, by: session.address });
        send({ type: "done", snapshot: summarize(snapshot) });
      } catch (error) {
        log.error("snapshot_failed", { epoch, error });
        const body = error instanceof ApiError ? error.toJSON().error : { code: "internal", message: "The export failed; nothing was kept." };
        send({ type: "error", error: body });
      }
      controller.close();
    },
  });
  return new NextResponse(stream, { status: 200, headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" } });
});
