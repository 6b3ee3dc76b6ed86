"use client";
// The editors of "Edit and redeliver": key, value and headers, each starting from the record's own bytes. What
// changed is all that is sent as the edit; JSON values are checked as you type and diffed against the original.
import { useState } from "react";
import type { DlqMessageDetails } from "@/lib/contract/schemas";
import type { RedeliverRequestBody } from "@/lib/contract/triage-schemas";
import { ErrorAlert } from "@/components/ui/error-alert";
import { BytesField } from "./bytes-field";
import { draftError, draftInput, draftOf, sameBytes, type BytesDraft } from "./bytes-draft";
import { headerDraftError, HeadersEditor, type HeaderDraft } from "./headers-editor";
import { ValueDiff } from "./value-diff";

type Edit = NonNullable<RedeliverRequestBody["edit"]>;

/** The headers a plain redelivery would carry (by the server's rule), as drafts. */
function keptHeaders(message: DlqMessageDetails): { original: DlqMessageDetails["headers"]; drafts: HeaderDraft[] } {
  const original = message.headers.filter((h) => h.keptOnRedelivery);
  return { original, drafts: original.map((h, i) => ({ id: i + 1, key: h.key, value: draftOf(h.value) })) };
}

export interface EditState {
  /** What to send as `edit` (undefined when nothing changed), or why it cannot be sent. */
  edit: Edit | undefined;
  problem: string | null;
}

export function useEditFields(message: DlqMessageDetails) {
  const [kept] = useState(() => keptHeaders(message));
  const [key, setKey] = useState<BytesDraft>(() => draftOf(message.key));
  const [value, setValue] = useState<BytesDraft>(() => draftOf(message.value));
  const [headers, setHeaders] = useState<HeaderDraft[]>(kept.drafts);

  const jsonError = message.value?.encoding === "json" && value.format === "text" ? parseError(value.text) : null;
  const headersChanged =
    headers.length !== kept.original.length ||
    headers.some((h, i) => h.key !== kept.original[i]!.key || !sameBytes(h.value, kept.original[i]!.value));
  const problem = draftError(key) ?? draftError(value) ?? jsonError ?? headers.map(headerDraftError).find((e) => e !== null) ?? null;
  const edit: Edit = {
    ...(sameBytes(key, message.key) ? {} : { key: draftInput(key) }),
    ...(sameBytes(value, message.value) ? {} : { value: draftInput(value) }),
    ...(headersChanged ? { headers: headers.map((h) => ({ key: h.key, value: draftInput(h.value) })) } : {}),
  };
  const state: EditState = { edit: Object.keys(edit).length > 0 ? edit : undefined, problem };

  const fields = (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <span className="text-xs font-medium text-muted">Key</span>
        <BytesField label="Key" draft={key} onChange={setKey} error={draftError(key)} nullLabel="null key" />
      </div>
      <div className="flex flex-col gap-1">
        <span className="text-xs font-medium text-muted">Value</span>
        <BytesField label="Value" draft={value} onChange={setValue} multiline error={draftError(value)} nullLabel="null (tombstone)" />
        {jsonError !== null ? (
          <ErrorAlert>Invalid JSON: {jsonError}</ErrorAlert>
        ) : value.format === "text" && message.value?.text != null ? (
          <ValueDiff original={message.value.text} edited={value.text} />
        ) : null}
      </div>
      <HeadersEditor headers={headers} onChange={setHeaders} />
    </div>
  );
  return { state, fields };
}

function parseError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
