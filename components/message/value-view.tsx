"use client";
// The record's value: JSON re-indented (with the exact text a click away), text, or a hex dump for binary.
// Only the first VALUE_DISPLAY_LIMIT bytes are rendered, so a value of many megabytes cannot freeze the tab.
import { useMemo, useState } from "react";
import type { WireValue } from "@/lib/contract/schemas";
import { base64Bytes, utf8Prefix, VALUE_DISPLAY_LIMIT } from "@/components/format/bytes";
import { prettyPrintJson } from "@/components/format/json-pretty";
import { CodeBlock } from "@/components/ui/code-block";
import { SegmentedControl, type Segment } from "@/components/ui/segmented-control";
import { HexDumpView } from "./hex-dump-view";

type ValueMode = "pretty" | "raw" | "hex";

const SEGMENTS: Record<WireValue["encoding"], readonly Segment<ValueMode>[]> = {
  json: [
    { value: "pretty", label: "Pretty" },
    { value: "raw", label: "Raw" },
    { value: "hex", label: "Hex" },
  ],
  text: [
    { value: "raw", label: "Text" },
    { value: "hex", label: "Hex" },
  ],
  binary: [{ value: "hex", label: "Hex" }],
};

const DEFAULT_MODE: Record<WireValue["encoding"], ValueMode> = { json: "pretty", text: "raw", binary: "hex" };

export function ValueView({ value }: { value: WireValue }) {
  const [mode, setMode] = useState<ValueMode>(DEFAULT_MODE[value.encoding]);
  const cut = value.size > VALUE_DISPLAY_LIMIT;
  // The API sends at most the first megabyte of a value; render no more than that.
  const bytes = useMemo(() => base64Bytes(value.base64, VALUE_DISPLAY_LIMIT), [value.base64]);
  const text = useMemo(() => (value.text === null ? null : cut ? utf8Prefix(bytes) : value.text), [value.text, cut, bytes]);
  const pretty = useMemo(
    () => (value.encoding === "json" && text !== null ? prettyPrintJson(text, { partial: cut }) : null),
    [value.encoding, text, cut],
  );

  const segments = SEGMENTS[value.encoding];
  return (
    <div className="flex flex-col gap-2">
      {segments.length > 1 ? <SegmentedControl label="Value view" segments={segments} value={mode} onChange={setMode} /> : null}
      {mode === "hex" || text === null ? (
        <HexDumpView bytes={bytes} label="Value (hex dump)" />
      ) : mode === "pretty" && pretty !== null ? (
        <CodeBlock text={pretty} label="Value (pretty-printed JSON)" />
      ) : (
        <CodeBlock text={text} label="Value (raw text)" wrap />
      )}
    </div>
  );
}
