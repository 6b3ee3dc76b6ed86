// The DLQ page's view state (status tab and message filters), read from and written to the URL query string, so a
// link reopens exactly the same view. Names match the API's, so hrefs.dlq(cluster, topic, filter) links work too.
import type { JobFilter } from "@/lib/contract/job-schemas";
import type { DlqMessageFilter } from "@/lib/contract/schemas";
import type { MessageStatus } from "@/lib/contract/schemas";

export type StatusTab = MessageStatus | "all";
export const STATUS_TABS: readonly StatusTab[] = ["pending", "redelivered", "discarded", "all"];

export type DlqListParams = {
  /** Pending when the URL says nothing: the messages that still need a decision. */
  status: StatusTab;
  fingerprint: string;
  q: string;
  originalTopic: string;
  /** ISO UTC instants ("2026-11-23T09:30:00.000Z"), or "". */
  from: string;
  to: string;
};

export const DEFAULT_DLQ_PARAMS: DlqListParams = { status: "pending", fingerprint: "", q: "", originalTopic: "", from: "", to: "" };

type ReadableParams = { get(name: string): string | null };

export function readDlqListParams(params: ReadableParams): DlqListParams {
  const statusParam = params.get("status");
  return {
    status: STATUS_TABS.find((tab) => tab === statusParam) ?? "pending",
    fingerprint: params.get("fingerprint") ?? "",
    q: params.get("q") ?? "",
    originalTopic: params.get("originalTopic") ?? "",
    from: readInstant(params.get("from")),
    to: readInstant(params.get("to")),
  };
}

/** Only non-default values go into the URL, so the plain page link stays plain. */
export function writeDlqListParams(state: DlqListParams): URLSearchParams {
  const params = new URLSearchParams();
  if (state.status !== "pending") params.set("status", state.status);
  for (const name of ["fingerprint", "q", "originalTopic", "from", "to"] as const) {
    if (state[name]) params.set(name, state[name]);
  }
  return params;
}

/** The API filter for a view: "all" means no status filter; the search is trimmed as the server would. */
export function toMessageFilter(state: DlqListParams): DlqMessageFilter {
  const filter: DlqMessageFilter = {};
  if (state.status !== "all") filter.status = state.status;
  if (state.fingerprint) filter.fingerprint = state.fingerprint;
  if (state.q.trim()) filter.q = state.q.trim();
  if (state.originalTopic) filter.originalTopic = state.originalTopic;
  if (state.from) filter.from = state.from;
  if (state.to) filter.to = state.to;
  return filter;
}

/** The bulk job filter for a view: the same narrowing filters, without the status tab (a job only ever acts on
 * pending records, whichever tab is open). */
export function toJobFilter(state: DlqListParams): JobFilter {
  return toMessageFilter({ ...state, status: "all" });
}

/** Whether anything beyond the status tab narrows the list. */
export function hasNarrowingFilters(state: DlqListParams): boolean {
  return Boolean(state.fingerprint || state.q.trim() || state.originalTopic || state.from || state.to);
}

export function clearNarrowingFilters(state: DlqListParams): DlqListParams {
  return { ...DEFAULT_DLQ_PARAMS, status: state.status };
}

/** A shared link may carry any date; keep it only when it is a real instant, normalised to ISO UTC. */
function readInstant(value: string | null): string {
  if (!value) return "";
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString();
}

/** "2026-11-23T09:30:00.000Z" → "2026-11-23T09:30", the value a datetime-local input shows (as UTC). */
export function instantToUtcInput(iso: string): string {
  return iso ? iso.slice(0, 16) : "";
}

/** A datetime-local input's value, read as UTC → ISO; "" for an empty or partial value. */
export function utcInputToInstant(value: string): string {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value)) return "";
  const ms = Date.parse(`${value}Z`);
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString();
}
