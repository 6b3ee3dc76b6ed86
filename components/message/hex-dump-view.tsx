"use client";
// Bytes as a hex dump (offset | hex | ASCII). Virtualised: a megabyte is 65,536 lines, and only the visible
// ones are formatted and in the DOM.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { hexDumpLine, hexDumpLineCount } from "@/components/format/hex-dump";

const LINE_HEIGHT = 20;

export function HexDumpView({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lineCount = hexDumpLineCount(bytes.length);
  // The React Compiler is not enabled here; useVirtualizer re-renders this component itself on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lineCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    initialRect: { width: 0, height: 512 },
  });

  if (lineCount === 0) {
    return <p className="rounded-md border border-border bg-surface-2/50 p-3 text-xs text-muted">Empty (0 bytes)</p>;
  }

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={label}
      tabIndex={0}
      className="max-h-[32rem] overflow-auto rounded-md border border-border bg-surface-2/50 py-2 font-mono text-xs"
    >
      <div className="relative min-w-max" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((line) => (
          <div
            key={line.index}
            className="absolute left-0 px-3 whitespace-pre"
            style={{ top: line.start, height: LINE_HEIGHT, lineHeight: `${LINE_HEIGHT}px` }}
          >
            <HexLine text={hexDumpLine(bytes, line.index)} />
          </div>
        ))}
      </div>
    </div>
  );
}

/** The offset column is muted so the bytes stand out; the text stays one line as hexDumpLine wrote it. */
function HexLine({ text }: { text: string }) {
  return (
    <>
      <span className="text-muted">{text.slice(0, 8)}</span>
      {text.slice(8)}
    </>
  );
}
