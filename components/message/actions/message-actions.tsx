"use client";
// Redeliver, Edit & redeliver and Discard for a pending message, with their r/e/d shortcuts. Only operators and admins see them:
// the server refuses viewers anyway, so showing them buttons would only invite a 403. While Redrive checks whether an
// earlier redelivery landed, they stay visible but disabled, beside a notice that says why.
import { useState } from "react";
import type { DlqMessageDetails } from "@/lib/contract/schemas";
import type { RedeliverAnswer } from "@/lib/contract/triage-schemas";
import { useMe } from "@/lib/query/me";
import { Button } from "@/components/ui/button";
import { warnNoticeClass } from "@/components/ui/notice-styles";
import { DiscardDialog } from "./discard-dialog";
import { canEdit, RedeliverDialog } from "./redeliver-dialog";
import { useActionShortcuts } from "./use-action-shortcuts";

type OpenDialog = "redeliver" | "edit" | "discard" | null;

export function MessageActions({ cluster, message }: { cluster: string; message: DlqMessageDetails }) {
  const me = useMe();
  const [open, setOpen] = useState<OpenDialog>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const canAct = me.data !== undefined && me.data.user.role !== "viewer";
  const pending = message.status === "pending";
  const checking = message.delivery === "checking";
  const editable = canEdit(message);

  useActionShortcuts(
    { r: () => setOpen("redeliver"), d: () => setOpen("discard"), ...(editable ? { e: () => setOpen("edit") } : {}) },
    canAct && pending && !checking && open === null,
  );

  const redelivered = ({ target }: RedeliverAnswer) => {
    setOpen(null);
    setOutcome(`Redelivered to ${target.topic}/${target.partition}/${target.offset}`);
  };
  const discarded = () => {
    setOpen(null);
    setOutcome("Discarded");
  };

  if (!canAct) return null;
  const waitTitle = checking ? "Not until Redrive knows whether the earlier redelivery landed" : undefined;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {checking ? (
        <p role="status" className={`${warnNoticeClass} w-full`}>
          <span className="font-medium">Checking whether it landed:</span> Kafka did not confirm an earlier redelivery of this message, so
          it may be in the target already. Redrive is reading the target for it; the message can be redelivered or discarded again only if
          it did not land.
        </p>
      ) : null}
      {pending ? (
        <>
          <Button
            variant="primary"
            onClick={() => setOpen("redeliver")}
            disabled={checking}
            aria-keyshortcuts="r"
            title={waitTitle ?? "Redeliver (r)"}
          >
            Redeliver
          </Button>
          {editable ? (
            <Button
              onClick={() => setOpen("edit")}
              disabled={checking}
              aria-keyshortcuts="e"
              title={waitTitle ?? "Edit key, value or headers, then redeliver (e)"}
            >
              Edit &amp; redeliver
            </Button>
          ) : null}
          <Button
            variant="danger"
            onClick={() => setOpen("discard")}
            disabled={checking}
            aria-keyshortcuts="d"
            title={waitTitle ?? "Discard (d)"}
          >
            Discard
          </Button>
        </>
      ) : null}
      {outcome ? (
        <p role="status" className="text-sm text-ok [overflow-wrap:anywhere]">
          {outcome}
        </p>
      ) : null}
      {open === "redeliver" || open === "edit" ? (
        <RedeliverDialog cluster={cluster} message={message} edit={open === "edit"} onDone={redelivered} onCancel={() => setOpen(null)} />
      ) : null}
      {open === "discard" ? (
        <DiscardDialog
          cluster={cluster}
          topic={message.topic}
          partition={message.partition}
          offset={message.offset}
          onDone={discarded}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}
