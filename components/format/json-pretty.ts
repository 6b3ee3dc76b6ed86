// Re-indents JSON text token by token. Numbers, strings and escapes are copied exactly as written, so an int64
// above 2^53 or a "\u00e9" escape reads as it is in the bytes — JSON.parse + JSON.stringify would round the one
// and rewrite the other.

type Expect = "value" | "key" | "colon" | "comma-or-close" | "end";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

export interface PrettyJsonOptions {
  indent?: string;
  /**
   * Accept text that stops part-way (the first bytes of a longer value): what is there is re-indented and the
   * unfinished token is kept as it is. Anything that is not JSON still gives null.
   */
  partial?: boolean;
  /** Give up (null) rather than build more text than this: deep nesting multiplies the indentation. */
  maxLength?: number;
}

/** Deeper levels line up with this one, so hostile nesting cannot grow the output quadratically. */
const MAX_INDENT_LEVEL = 32;

/** The JSON text re-indented, or null when it is not JSON. Runs in time linear in the text, with no recursion. */
export function prettyPrintJson(
  text: string,
  { indent = "  ", partial = false, maxLength = 16 * 1024 * 1024 }: PrettyJsonOptions = {},
): string | null {
  const out: string[] = [];
  const open: ("{" | "[")[] = [];
  const newlines = Array.from({ length: MAX_INDENT_LEVEL + 1 }, (_, level) => `\n${indent.repeat(level)}`);
  let length = 0;
  const newline = () => {
    const line = newlines[Math.min(open.length, MAX_INDENT_LEVEL)]!;
    length += line.length;
    return line;
  };
  let expect: Expect = "value";
  let i = skipWhitespace(text, 0);

  while (i < text.length) {
    const c = text[i]!;
    if (length > maxLength) return null;
    if (expect === "end") return null;

    if (expect === "colon") {
      if (c !== ":") return null;
      out.push(": ");
      expect = "value";
      i = skipWhitespace(text, i + 1);
      continue;
    }

    if (expect === "comma-or-close") {
      const top = open[open.length - 1];
      if (c === ",") {
        out.push(",", newline());
        expect = top === "{" ? "key" : "value";
      } else if ((c === "}" && top === "{") || (c === "]" && top === "[")) {
        open.pop();
        out.push(newline(), c);
        expect = open.length === 0 ? "end" : "comma-or-close";
      } else {
        return null;
      }
      i = skipWhitespace(text, i + 1);
      continue;
    }

    if (expect === "key" && c !== '"') return null;

    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      const next = skipWhitespace(text, i + 1);
      if (text[next] === close) {
        out.push(c, close);
        expect = open.length === 0 ? "end" : "comma-or-close";
        i = skipWhitespace(text, next + 1);
        continue;
      }
      open.push(c);
      out.push(c, newline());
      expect = c === "{" ? "key" : "value";
      i = next;
      continue;
    }

    const end = c === '"' ? scanString(text, i) : scanScalar(text, i);
    if (end === null) return null;
    if (end > text.length) {
      // The token runs past the end of the text: only a cut-off prefix may end like that.
      if (!partial) return null;
      out.push(text.slice(i));
      return out.join("");
    }
    out.push(text.slice(i, end));
    expect = expect === "key" ? "colon" : open.length === 0 ? "end" : "comma-or-close";
    i = skipWhitespace(text, end);
  }

  if (expect === "end") return out.join("");
  return partial && out.length > 0 ? out.join("") : null;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return i;
}

/** End (exclusive) of the string starting at `start`; past the text's end when unterminated; null when malformed. */
function scanString(text: string, start: number): number | null {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return null;
    if (code === 0x5c) {
      const escaped = text[i + 1];
      if (escaped === undefined) break;
      if (escaped === "u") {
        const hex = text.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        if (!HEX4.test(hex)) return null;
        i += 5;
      } else if (SIMPLE_ESCAPES.has(escaped)) {
        i += 1;
      } else {
        return null;
      }
    }
  }
  return text.length + 1;
}

/** End (exclusive) of the number or literal at `start`; past the text's end when cut off; null when malformed. */
function scanScalar(text: string, start: number): number | null {
  for (const literal of ["true", "false", "null"]) {
    if (text.startsWith(literal, start)) return start + literal.length;
    if (text.length - start < literal.length && literal.startsWith(text.slice(start))) return text.length + 1;
  }
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  if (!match) return text.length - start <= 1 && text[start] === "-" ? text.length + 1 : null;
  const end = start + match[0].length;
  // A number touching the end of a cut-off text may have lost digits; "1." or "1e" there is a cut too.
  if (end === text.length) return end;
  return text.length - end <= 2 && /^(?:\.|[eE][+-]?)$/.test(text.slice(end)) ? text.length + 1 : end;
}
