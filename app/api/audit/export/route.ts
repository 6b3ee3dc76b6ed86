// GET /api/audit/export?format=csv|jsonl – the filtered audit log oldest first, streamed a page at a time.
import { parseAuditExportQuery } from "@/lib/api/audit-params";
import { jsonRoute } from "@/lib/api/route";
import { auditRowsInOrder } from "@/lib/audit/audit-queries";
import { csvHeader, csvLine, jsonLine } from "@/lib/audit/export-format";
import { auditEntryToWire } from "@/lib/store/audit-wire";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "operator" }, async ({ request }) => {
  const { filter, format } = parseAuditExportQuery(new URL(request.url).searchParams);
  const rows = auditRowsInOrder(await getStore(), filter);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(csvHeader()));
    },
    // Pulled as the client reads: a slow reader holds one page in memory, not the log.
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      const entry = auditEntryToWire(next.value);
      controller.enqueue(encoder.encode(format === "csv" ? csvLine(entry) : jsonLine(entry)));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="redrive-audit-${stamp}.${format}"`,
      "Cache-Control": "no-store",
    },
  });
});
