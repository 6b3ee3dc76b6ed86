"use client";
// The headers a redelivery will carry, editable: each one's key and value (text, base64 or null), in order, with
// rows to remove and a row to add. The x-redrive headers are not listed: the server sets them on every redelivery.
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field-styles";
import { BytesField } from "./bytes-field";
import { draftError, type BytesDraft } from "./bytes-draft";

export interface HeaderDraft {
  /** Stable across edits, for React's keys. */
  id: number;
  key: string;
  value: BytesDraft;
}

export function headerDraftError(header: HeaderDraft): string | null {
  if (header.key.trim() === "") return "a header needs a key";
  return draftError(header.value);
}

export function HeadersEditor({ headers, onChange }: { headers: readonly HeaderDraft[]; onChange: (headers: HeaderDraft[]) => void }) {
  const update = (id: number, change: Partial<HeaderDraft>) => onChange(headers.map((h) => (h.id === id ? { ...h, ...change } : h)));
  const nextId = headers.reduce((max, h) => Math.max(max, h.id), 0) + 1;
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-xs font-medium text-muted">Headers sent ({headers.length})</legend>
      {headers.length === 0 ? <p className="text-xs text-muted">No headers but the x-redrive ones.</p> : null}
      <ol className="flex flex-col gap-2">
        {headers.map((header, i) => (
          <li key={header.id} className="flex min-w-0 flex-col gap-1 rounded-md border border-border p-2 sm:flex-row sm:items-start">
            <input
              aria-label={`Header ${i + 1} key`}
              value={header.key}
              onChange={(event) => update(header.id, { key: event.target.value })}
              spellCheck={false}
              aria-invalid={header.key.trim() === ""}
              className={`${controlClass} font-mono text-xs sm:w-44 sm:shrink-0`}
            />
            <div className="min-w-0 flex-1">
              <BytesField
                label={`Header ${i + 1} value`}
                draft={header.value}
                onChange={(value) => update(header.id, { value })}
                error={header.key.trim() === "" ? "a header needs a key" : draftError(header.value)}
              />
            </div>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => onChange(headers.filter((h) => h.id !== header.id))}
              aria-label={`Remove header ${i + 1}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div>
        <Button size="sm" onClick={() => onChange([...headers, { id: nextId, key: "", value: { format: "text", text: "" } }])}>
          Add header
        </Button>
      </div>
    </fieldset>
  );
}
