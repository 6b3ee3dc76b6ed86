// The value section: size and encoding, copy and download, the truncation note for large values, and the view.
import type { WireValue } from "@/lib/contract/schemas";
import { formatByteSize, VALUE_DISPLAY_LIMIT } from "@/components/format/bytes";
import { formatCount } from "@/components/format/int64";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Panel } from "@/components/ui/panel";
import { ValueView } from "./value-view";

const ENCODING_LABEL: Record<WireValue["encoding"], string> = { json: "JSON", text: "Text", binary: "Binary" };

export function ValuePanel({ value, downloadHref }: { value: WireValue | null; downloadHref: string }) {
  if (value === null) {
    return (
      <Panel title="Value">
        <p className="flex items-center gap-2 rounded-md border border-border bg-surface px-3 py-2.5 text-muted">
          <Badge tone="neutral">null</Badge> No value: this record is a tombstone.
        </p>
      </Panel>
    );
  }

  const cut = value.size > VALUE_DISPLAY_LIMIT;
  return (
    <Panel
      title="Value"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="accent">{ENCODING_LABEL[value.encoding]}</Badge>
          <span className="font-mono text-xs text-muted" title={`${formatCount(value.size)} bytes`}>
            {formatByteSize(value.size)}
          </span>
          {/* A cut value is copied from its download: a copy of the first MiB would pass for the whole. */}
          {value.truncated ? null : value.text !== null ? (
            <CopyButton label="Copy value" text={value.text} />
          ) : (
            <CopyButton label="Copy value as base64" text={value.base64} />
          )}
          <a
            href={downloadHref}
            download
            className="inline-flex h-7 items-center gap-1.5 rounded-md border border-border-strong bg-surface px-2 text-xs font-medium whitespace-nowrap hover:bg-surface-2"
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 16 16"
              className="size-3.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinecap="round"
            >
              <path d="M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11" />
            </svg>
            Download
          </a>
        </div>
      }
    >
      {cut ? (
        <p role="note" className="rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-warn">
          Showing the first {formatByteSize(VALUE_DISPLAY_LIMIT)} of {formatByteSize(value.size)} ({formatCount(value.size)} bytes).
          Download the value to see all of it.
        </p>
      ) : null}
      <ValueView value={value} />
    </Panel>
  );
}
