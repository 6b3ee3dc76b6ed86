"use client";
// One editable run of bytes (a key, a value or a header value): its spelling — text, base64 or null — and the text.
// Switching spelling converts the bytes when it can and says so when it cannot (base64 that is not UTF-8 stays).
import { useId, useState } from "react";
import { controlClass } from "@/components/ui/field-styles";
import { switchFormat, type BytesDraft, type BytesFormat } from "./bytes-draft";

const FORMAT_LABELS: Record<BytesFormat, string> = { text: "Text", base64: "Base64", null: "null" };

export function BytesField({
  label,
  draft,
  onChange,
  multiline = false,
  error,
  nullLabel = "null",
}: {
  /** The accessible name of the text control; the format select is "<label> format". */
  label: string;
  draft: BytesDraft;
  onChange: (draft: BytesDraft) => void;
  multiline?: boolean;
  error?: string | null;
  nullLabel?: string;
}) {
  const [refused, setRefused] = useState(false);
  const errorId = useId();
  const control = {
    "aria-label": label,
    value: draft.text,
    spellCheck: false,
    "aria-invalid": Boolean(error),
    "aria-describedby": error ? errorId : undefined,
    onChange: (event: { target: { value: string } }) => onChange({ ...draft, text: event.target.value }),
  };
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex min-w-0 items-start gap-1.5 [&>input]:flex-1 [&>textarea]:flex-1">
        <select
          aria-label={`${label} format`}
          value={draft.format}
          onChange={(event) => {
            const next = switchFormat(draft, event.target.value as BytesFormat);
            setRefused(!next.lossless);
            onChange(next.draft);
          }}
          className={`${controlClass} w-24! shrink-0`}
        >
          {(["text", "base64", "null"] as const).map((format) => (
            <option key={format} value={format}>
              {format === "null" ? nullLabel : FORMAT_LABELS[format]}
            </option>
          ))}
        </select>
        {draft.format === "null" ? (
          <span className="flex h-8 items-center text-sm text-muted">{nullLabel}</span>
        ) : multiline ? (
          <textarea {...control} rows={6} className={`${controlClass} h-auto py-1.5 font-mono text-xs`} />
        ) : (
          <input {...control} className={`${controlClass} font-mono text-xs`} />
        )}
      </div>
      {refused ? <p className="text-xs text-warn">These bytes are not UTF-8 text; they stay base64.</p> : null}
      {error ? (
        <p id={errorId} className="text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
