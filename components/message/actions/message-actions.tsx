"use client";
// Redeliver and Discard for a pending message, with their r/d shortcuts. Only operators and admins see them:
// the server refuses viewers anyway, so showing them buttons would only invite a 403.
import { useState } from "react";
import type { DlqMessageDetails } from "@/lib/api/schemas";
import type { RedeliverAnswer } from "@/lib/api/triage-schemas";
import { useMe } from "@/lib/query/me";
import { Button } from "@/components/ui/button";
import { DiscardDialog } from "./discard-dialog";
import { RedeliverDialog } from "./redeliver-dialog";
import { useActionShortcuts } from "./use-action-shortcuts";

type OpenDialog = "redeliver" | "discard" | null;

export function MessageActions({ cluster, message }: { cluster: string; message: DlqMessageDetails }) {
  const me = useMe();
  const [open, setOpen] = useState<OpenDialog>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const canAct = me.data !== undefined && me.data.user.role !== "viewer";
  const pending = message.status === "pending";

  useActionShortcuts({ r: () => setOpen("redeliver"), d: () => setOpen("discard") }, canAct && pending && open === null);

  const redelivered = ({ target }: RedeliverAnswer) => {
    setOpen(null);
    setOutcome(`Redelivered to ${target.topic}/${target.partition}/${target.offset}`);
  };
  const discarded = () => {
    setOpen(null);
    setOutcome("Discarded");
  };

  if (!canAct) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {pending ? (
        <>
          <Button variant="primary" onClick={() => setOpen("redeliver")} aria-keyshortcuts="r" title="Redeliver (r)">
            Redeliver
          </Button>
          <Button variant="danger" onClick={() => setOpen("discard")} aria-keyshortcuts="d" title="Discard (d)">
            Discard
          </Button>
        </>
      ) : null}
      {outcome ? (
        <p role="status" className="text-sm text-ok [overflow-wrap:anywhere]">
          {outcome}
        </p>
      ) : null}
      {open === "redeliver" ? <RedeliverDialog cluster={cluster} message={message} onDone={redelivered} onCancel={() => setOpen(null)} /> : null}
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
