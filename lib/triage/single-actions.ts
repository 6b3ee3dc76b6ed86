// Redeliver and discard one DLQ message, exactly once. A redelivery first claims the record (a row lock, a check
// that it is still pending and not being sent, and the claim, in one short transaction), then produces, then
// marks it redelivered together with its audit entry in one transaction. A send Kafka refused before writing it
// releases the claim and is audited too, so the record stays pending and the operator sees why. A send whose answer
// was lost (a timeout, a dropped connection) may have landed: the claim is kept and marked "checking", and only
// the reconciler, having looked for the record's x-redrive-id in the target, records it as redelivered or makes
// the message pending again (lib/triage/reconcile-redeliveries.ts). Sending it again before that could send it twice.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import type { Actor } from "@/lib/auth/actor";
import type { FailureConvention } from "@/lib/dlq/failure-conventions";
import type { CustomHeaderMapping } from "@/lib/dlq/parse-failure";
import { redeliveryMessage, type RedeliveryEdit, type RedeliveryMessage } from "@/lib/dlq/redelivery";
import { assertRedeliveryTarget } from "@/lib/dlq/redelivery-target";
import { errorChain } from "@/lib/error-chain";
import { RedriveError } from "@/lib/errors";
import { getMessage } from "@/lib/store/dlq-message-queries";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { lockMessage, messageWhere, resolveMessage, type MessageKey } from "@/lib/store/dlq-status";
import { storedHeaders } from "@/lib/store/dlq-wire";
import { claimedByJobs, lockDlqClaims } from "@/lib/store/job-batches";
import { redeliveryInFlight } from "@/lib/store/job-schema";
import type { Store, StoreDatabase, StoreTx } from "@/lib/store/open-store";
import { editDigests } from "./edit-diff";

export interface TriagePorts {
  store: Store;
  /** Fails with a validation_failed RedriveError when the topic does not exist. */
  assertTopicExists(topic: string): Promise<void>;
  /** Throws on failure; an error with `nothingWritten: true` in its chain says Kafka wrote nothing. Any other may have landed. */
  produce(topic: string, message: RedeliveryMessage): Promise<{ topic: string; partition: number; offset: string }>;
  /** Asks for a check of the sends whose outcome is unknown, soon rather than at the next periodic sweep. */
  checkUnconfirmedSoon?(): void;
  customMappings?: readonly CustomHeaderMapping[];
  keepFailureHeaders?: boolean;
  /** REDRIVE_REDELIVER_TARGETS: when set, the only topics a redelivery may go to (system topics never). */
  redeliverTargets?: RegExp;
}

export interface RedeliverRequest {
  key: MessageKey;
  actor: Actor;
  targetTopic?: string;
  edit?: RedeliveryEdit;
  note?: string;
}

type Row = NonNullable<Awaited<ReturnType<typeof lockMessage>>>;

const messageFields = (key: MessageKey) => ({ cluster: key.cluster, topic: key.topic, partition: key.partition, offset: key.offset });

async function lockPending(tx: StoreTx, key: MessageKey): Promise<Row> {
  // A bulk job claims records without writing them: its claimed range says which. Claims on a DLQ take turns, so
  // the ranges read here are every job's as they stand, and none can grow over this record until this commits.
  await lockDlqClaims(tx, key, "shared");
  const row = await assertAvailable(tx, await lockMessage(tx, key), key);
  const job = (await claimedByJobs(tx, key, [key])).values().next().value;
  if (job) throw new RedriveError("already_resolved", `The message is being redelivered by bulk job ${job}`);
  return row;
}

/** The row when it is pending and nobody is sending it; otherwise not_found or already_resolved, saying why not. */
async function assertAvailable(db: StoreDatabase | StoreTx, row: Row | null, key: MessageKey): Promise<Row> {
  if (!row) throw new RedriveError("not_found", `No indexed message at partition ${key.partition} offset ${key.offset} of "${key.topic}"`);
  if (row.status !== "pending") throw new RedriveError("already_resolved", `The message was already ${row.status}`);
  if (row.actionId === null) return row;
  const f = redeliveryInFlight;
  const [flight] = await db
    .select({ checkingSince: f.checkingSince, targetTopic: f.targetTopic })
    .from(f)
    .where(eq(f.actionId, row.actionId));
  if (flight?.checkingSince) {
    throw new RedriveError(
      "conflict",
      `Checking whether an earlier redelivery of this message (action ${row.actionId}) landed in "${flight.targetTopic}": Kafka did not ` +
        "confirm it. The message can be redelivered or discarded again only once the check has found that it did not land.",
    );
  }
  throw new RedriveError("already_resolved", `The message is being redelivered (action ${row.actionId})`);
}

/** Whether a failed send may still have written the record (anything but a refusal that says it did not). */
const mayHaveLanded = (error: unknown) => !errorChain(error).some((e) => (e as { nothingWritten?: unknown }).nothingWritten === true);

/**
 * Claims a pending message for one redelivery, in one short transaction: the row lock, the checks, the claim, and
 * the in-flight row a reconciliation looks for if this process dies before the send is recorded.
 */
export async function claimForRedelivery(store: Store, key: MessageKey, target: string, actor: Actor, actionId: string): Promise<Row> {
  return store.db.transaction(async (tx) => {
    const locked = await lockPending(tx, key);
    await tx.update(dlqMessage).set({ actionId, actionStartedAt: new Date() }).where(messageWhere(key));
    await tx.insert(redeliveryInFlight).values({
      actionId,
      ...messageFields(key),
      targetTopic: target,
      actor: actor.audit.actor,
      role: actor.audit.role,
      source: actor.audit.source,
    });
    return locked;
  });
}

export async function redeliver(ports: TriagePorts, request: RedeliverRequest) {
  const { store } = ports;
  const { key, actor, edit, note } = request;
  // A first look without a lock: a resolved message or a missing target is refused before anything is claimed.
  const peek = await assertAvailable(store.db, await getMessage(store, key.cluster, key.topic, key.partition, key.offset), key);
  const target = request.targetTopic ?? peek.originalTopic;
  if (!target)
    throw new RedriveError("validation_failed", "targetTopic: the message's original topic is unknown, so a target topic is required");
  try {
    // The original topic is a header any producer to the DLQ can write: checked like a requested one, before the claim.
    assertRedeliveryTarget(target, request.targetTopic ? "request" : "original-topic", ports.redeliverTargets);
    await ports.assertTopicExists(target);
  } catch (error) {
    // Nothing was claimed or sent, but the operator tried and it failed: the message's history says so.
    const reason = error instanceof Error ? error.message : String(error);
    await store.db.transaction((tx) =>
      appendAudit(tx, {
        ...actor.audit,
        action: "message.redeliver_failed",
        ...messageFields(key),
        target: { topic: target },
        details: { note: note ?? null, originalTopic: peek.originalTopic, error: reason },
      }),
    );
    throw error;
  }

  const actionId = randomUUID();
  const row = await claimForRedelivery(store, key, target, actor, actionId);
  const message = redeliveryMessage(
    { ...key, key: row.key, value: row.value, headers: storedHeaders(row.headers), convention: row.convention as FailureConvention },
    actionId,
    { edit, keepFailureHeaders: ports.keepFailureHeaders, customMappings: ports.customMappings },
  );
  const details = {
    actionId,
    note: note ?? null,
    originalTopic: row.originalTopic,
    toOriginalTopic: target === row.originalTopic,
    edited: edit !== undefined,
    ...(edit ? editDigests(row, message, edit) : {}),
  };

  let produced;
  try {
    produced = await ports.produce(target, message);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (mayHaveLanded(error)) throw await holdForCheck(ports, actionId, target, details, error);
    await store.db.transaction(async (tx) => {
      await tx
        .update(dlqMessage)
        .set({ actionId: null, actionStartedAt: null })
        .where(and(messageWhere(key), eq(dlqMessage.actionId, actionId)));
      await tx.delete(redeliveryInFlight).where(eq(redeliveryInFlight.actionId, actionId));
      await appendAudit(tx, {
        ...actor.audit,
        action: "message.redeliver_failed",
        ...messageFields(key),
        target: { topic: target },
        details: { ...details, error: reason },
      });
    });
    throw error;
  }

  await store.db.transaction(async (tx) => {
    await resolveMessage(tx, key, "redelivered");
    await tx.delete(redeliveryInFlight).where(eq(redeliveryInFlight.actionId, actionId));
    await appendAudit(tx, { ...actor.audit, action: "message.redeliver", ...messageFields(key), target: produced, details });
  });
  return { actionId, target: produced };
}

/**
 * Keeps the claim of a send whose outcome is unknown and marks it for the reconciler, with what its audit entry will
 * need; answers the error to give the caller (the send's own status, with what happens now).
 */
async function holdForCheck(ports: TriagePorts, actionId: string, target: string, details: object, error: unknown): Promise<RedriveError> {
  const reason = error instanceof Error ? error.message : String(error);
  await ports.store.db
    .update(redeliveryInFlight)
    .set({ checkingSince: sql`now()`, sendError: reason, details })
    .where(eq(redeliveryInFlight.actionId, actionId));
  ports.checkUnconfirmedSoon?.();
  const kind = error instanceof RedriveError ? error.kind : "kafka_unavailable";
  return new RedriveError(
    kind,
    `Kafka did not confirm the send to "${target}" (${reason}), so it may have landed. Redrive is checking the topic for it: ` +
      "until then the message cannot be redelivered or discarded again.",
    { cause: error },
  );
}

export async function discard(store: Store, request: { key: MessageKey; actor: Actor; reason: string }) {
  const reason = request.reason.trim();
  if (!reason) throw new RedriveError("validation_failed", "reason: a discard needs a reason");
  await store.db.transaction(async (tx) => {
    await lockPending(tx, request.key);
    await resolveMessage(tx, request.key, "discarded");
    await appendAudit(tx, { ...request.actor.audit, action: "message.discard", ...messageFields(request.key), details: { reason } });
  });
  return { status: "discarded" as const };
}
