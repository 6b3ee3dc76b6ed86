"use client";
// Short untrusted bytes (a key, a header value) as text or hex, with a toggle when both make sense.
import { useMemo, useState } from "react";
import type { WireBytes } from "@/lib/contract/schemas";
import { base64ByteLength, base64Bytes, looksBinary } from "@/components/format/bytes";
import { formatHexBytes } from "@/components/format/hex-dump";
import { Badge } from "@/components/ui/badge";
import { SegmentedControl } from "@/components/ui/segmented-control";

/** Header values and keys are usually short; past this the hex form stops with a note. */
const HEX_LIMIT = 16 * 1024;

type View = "text" | "hex";

export function BytesText({ bytes, label }: { bytes: WireBytes | null; label: string }) {
  const [view, setView] = useState<View>(bytes?.text == null || looksBinary(bytes.text) ? "hex" : "text");
  const size = bytes ? base64ByteLength(bytes.base64) : 0;
  const hex = useMemo(() => (bytes && view === "hex" ? formatHexBytes(base64Bytes(bytes.base64, HEX_LIMIT)) : ""), [bytes, view]);

  if (bytes === null)
    return (
      <Badge tone="neutral" title="The value is null (absent), not empty">
        null
      </Badge>
    );

  return (
    <div className="flex min-w-0 flex-col items-start gap-1.5 sm:flex-row sm:gap-2">
      <div className="max-h-40 w-full min-w-0 flex-1 overflow-auto font-mono text-xs leading-5 whitespace-pre-wrap [overflow-wrap:anywhere]">
        {size === 0 ? (
          <span className="text-muted italic">empty</span>
        ) : view === "text" && bytes.text !== null ? (
          bytes.text
        ) : (
          <>
            {hex}
            {size > HEX_LIMIT ? <span className="text-muted"> … {size - HEX_LIMIT} more bytes</span> : null}
          </>
        )}
      </div>
      {bytes.text !== null && size > 0 ? (
        <SegmentedControl
          label={`${label} as`}
          segments={[
            { value: "text", label: "Text" },
            { value: "hex", label: "Hex" },
          ]}
          value={view}
          onChange={setView}
        />
      ) : size > 0 ? (
        <Badge tone="neutral" title="Not valid UTF-8: shown as hex">
          binary
        </Badge>
      ) : null}
    </div>
  );
}
