// GET /api/clusters/{c}/brokers – each broker up or down, the controller, and the under-replicated and offline partitions.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { readBrokers } from "@/lib/kafka/broker-reads";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string }>({ role: "viewer" }, async ({ params }) => readBrokers(getCluster(params.cluster)));
