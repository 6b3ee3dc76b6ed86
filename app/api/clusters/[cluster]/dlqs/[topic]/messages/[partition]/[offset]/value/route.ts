// GET /api/clusters/{c}/dlqs/{topic}/messages/{p}/{o}/value – the value's bytes as a download, exactly as stored.
import { parseCoordinates } from "@/lib/api/dlq-params";
import { jsonRoute } from "@/lib/api/route";
import { RedriveError } from "@/lib/errors";
import { clusterContext } from "@/lib/server/context";
import { getMessage } from "@/lib/store/dlq-message-queries";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

type Params = { cluster: string; topic: string; partition: string; offset: string };

export const GET = jsonRoute<Params>({ role: "viewer" }, async ({ params }) => {
  const { store, cluster: config } = await clusterContext(params.cluster);
  const cluster = config.id;
  const { partition, offset } = parseCoordinates(params.partition, params.offset);
  const reading = `Reading the value of message ${partition}/${offset} of DLQ "${params.topic}"`;
  const row = await storeRead(store, reading, () => getMessage(store, cluster, params.topic, partition, offset));
  if (!row) throw new RedriveError("not_found", `No indexed message at partition ${partition} offset ${offset} of "${params.topic}"`);
  if (row.value === null)
    throw new RedriveError("not_found", `The message at partition ${partition} offset ${offset} has no value (a tombstone)`);
  const extension = row.valueEncoding === "json" ? "json" : row.valueEncoding === "text" ? "txt" : "bin";
  // The topic name is limited to [a-zA-Z0-9._-], so it is safe in the header as it is.
  const filename = `${params.topic}-${partition}-${offset}.${extension}`.replace(/[^a-zA-Z0-9._-]/g, "_");
  return new Response(new Uint8Array(row.value), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(row.value.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
