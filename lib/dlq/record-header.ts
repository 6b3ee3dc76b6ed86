// Kafka record headers as they arrive: ordered, duplicates kept, values raw bytes or null.

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface BytesView {
  base64: string;
  /** Only when the bytes are valid UTF-8, so that text is never a lossy guess. */
  text: string | null;
}

// ignoreBOM keeps a leading BOM in the text: the text shown must be the bytes that are there.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Kafka's own `Headers.lastHeader` semantics: a repeated header's last occurrence is the current one. */
export function lastHeader(headers: readonly RecordHeader[], key: string): RecordHeader | undefined {
  for (let i = headers.length - 1; i >= 0; i--) {
    const header = headers[i];
    if (header?.key === key) return header;
  }
  return undefined;
}

export function headerText(value: Buffer | null): string | null {
  if (value === null) return null;
  try {
    return strictUtf8.decode(value);
  } catch {
    return null;
  }
}

export function bytesView(value: Buffer | null): BytesView | null {
  if (value === null) return null;
  return { base64: value.toString("base64"), text: headerText(value) };
}
