// GET /api/ready – 200 when Kafka and the store both answer, 503 with what is wrong otherwise.
import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/api/route";
import { checkReadiness } from "@/lib/readiness";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ public: true }, async () => {
  const readiness = await checkReadiness();
  return NextResponse.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
