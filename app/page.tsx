// The console's front door: the clusters overview when there are several to choose from, else the one cluster's own.
import { redirect } from "next/navigation";
import { listClusters } from "@/lib/config/clusters";
import { hrefs } from "@/lib/contract/hrefs";

// The cluster list can change while the server runs (the config file is read again), so it is read per request.
export const dynamic = "force-dynamic";

export default function Home() {
  const clusters = listClusters();
  redirect(clusters.length === 1 ? hrefs.overview(clusters[0]!.id) : hrefs.clusters());
}
