// Starts the metrics-only listener when REDRIVE_METRICS_LISTEN is set (once per process, kept across dev reloads).
// A port that cannot be bound stops the server: the operator asked for it, and a silent absence would only show
// as a Prometheus target down.
import "server-only";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store/open-store";
import { metricsContentType, renderMetrics } from "./default-collectors";
import { startMetricsListener, type MetricsListener } from "./metrics-listener";

const holder = globalThis as { __redriveMetricsListener?: Promise<MetricsListener> };
const metricsLog = log.child({ component: "metrics-listener" });

export async function startMetricsServing(store: Store): Promise<void> {
  const env = serverEnv();
  const listen = env.REDRIVE_METRICS_LISTEN;
  if (!listen || holder.__redriveMetricsListener) return;
  holder.__redriveMetricsListener = startMetricsListener({
    ...listen,
    allow: env.REDRIVE_METRICS_ALLOW,
    contentType: metricsContentType,
    render: () => renderMetrics(store),
    onError: (error) => metricsLog.warn({ err: error.message }, "metrics listener error"),
  }).catch((error: Error) => {
    throw new Error(`REDRIVE_METRICS_LISTEN ${listen.host}:${listen.port} cannot be used: ${error.message}`);
  });
  const listener = await holder.__redriveMetricsListener;
  metricsLog.info(
    { url: `${listener.url}/metrics`, allow: env.REDRIVE_METRICS_ALLOW.entries },
    "serving metrics without a token to the allowed addresses",
  );
}

/** Closes the metrics-only listener, if this process opened one (a server shutting down). */
export async function stopMetricsServing(): Promise<void> {
  const listener = holder.__redriveMetricsListener;
  holder.__redriveMetricsListener = undefined;
  await (await listener?.catch(() => undefined))?.close();
}
