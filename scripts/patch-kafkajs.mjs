// Runs after every install (package.json "postinstall"): teaches kafkajs 2.2.4 to keep a record's headers as an
// ordered list. kafkajs folds headers into an object, so "a, b, a" comes back as {a: [1, 3], b: 2} and cannot be
// sent again in its original order; Redrive promises redelivery with headers in order, duplicates kept.
// The patch adds `headerList` ([{key, value}] in record order) to consumed messages and accepts `headerList` on
// produced messages (used instead of `headers` when present), and lets a header value be null (a Kafka header
// may have no value; stock kafkajs throws). A header key is any bytes on the wire, but kafkajs decodes it as UTF-8
// (invalid bytes become U+FFFD) and can only send a string: the patch keeps a consumed key's bytes as `keyBytes`
// and writes a Buffer key as it is, so a key that is not UTF-8 goes back byte for byte. It also keeps the request
// queue from arming a negative timeout when nothing throttles it (Node 24 warns on stderr for each; Node 20 took it as
// 1 ms silently, which `Math.max(…, 0)` keeps). Idempotent; fails loudly if kafkajs changed. Files are replaced, not written in place: node_modules may be hard-linked to other trees.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const MARK = "/* redrive: ordered headers */";
const require = createRequire(import.meta.url);
const root = dirname(require.resolve("kafkajs/package.json"));
const recordDir = join(root, "src", "protocol", "recordBatch", "record", "v0");
const headerDir = join(root, "src", "protocol", "recordBatch", "header", "v0");
const requestQueue = join(root, "src", "network", "requestQueue", "index.js");

const patches = [
  {
    file: join(recordDir, "decoder.js"),
    from: "  const headers = decoder.readVarIntArray(HeaderDecoder).reduce(",
    to: `  ${MARK} const headerList = decoder.readVarIntArray(HeaderDecoder)\n  const headers = headerList.reduce(`,
  },
  {
    file: join(recordDir, "decoder.js"),
    from: "    headers,\n    isControlRecord: isControlBatch,",
    to: "    headers,\n    headerList,\n    isControlRecord: isControlBatch,",
  },
  {
    file: join(recordDir, "index.js"),
    from: "module.exports = ({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }) => {\n  const headersArray = Object.keys(headers).flatMap(",
    to: `module.exports = ({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {}, headerList }) => {\n  ${MARK} const headersArray = Array.isArray(headerList) ? headerList : Object.keys(headers).flatMap(`,
  },
  {
    // Stock kafkajs measures a null header value before checking for null, so it cannot send one at all.
    file: join(recordDir, "index.js"),
    from: "    const valueSize = Buffer.byteLength(header.value)",
    to: "    const valueSize = header.value === null || header.value === undefined ? 0 : Buffer.byteLength(header.value)",
  },
  {
    file: join(headerDir, "decoder.js"),
    from: "module.exports = decoder => ({\n  key: decoder.readVarIntString(),\n  value: decoder.readVarIntBytes(),\n})",
    to:
      "module.exports = decoder => {\n" +
      `  ${MARK} const keyBytes = decoder.readVarIntBytes()\n` +
      "  return { key: keyBytes === null ? null : keyBytes.toString('utf8'), keyBytes, value: decoder.readVarIntBytes() }\n}",
  },
  {
    file: join(headerDir, "index.js"),
    from: "  return new Encoder().writeVarIntString(key).writeVarIntBytes(value)",
    to: `  ${MARK} const encoder = new Encoder()\n  return (Buffer.isBuffer(key) ? encoder.writeVarIntBytes(key) : encoder.writeVarIntString(key)).writeVarIntBytes(value)`,
  },
  {
    // `throttledUntil` starts at -1, so with nothing pending and no throttle this was setTimeout(…, -1 - Date.now()).
    file: requestQueue,
    from: "        this.checkPendingRequests()\n      }, scheduleAt)",
    to: "        this.checkPendingRequests()\n      }, Math.max(scheduleAt, 0)) /* redrive: no negative timeout */",
  },
];

for (const file of new Set(patches.map((p) => p.file))) {
  let text = readFileSync(file, "utf8");
  for (const patch of patches.filter((p) => p.file === file)) {
    if (text.includes(patch.to)) continue;
    if (!text.includes(patch.from)) {
      console.error(`patch-kafkajs: ${file} is not the kafkajs 2.2.4 source this patch expects; pin kafkajs 2.2.4.`);
      process.exit(1);
    }
    text = text.replace(patch.from, patch.to);
  }
  const patched = `${file}.redrive-patch`;
  writeFileSync(patched, text);
  renameSync(patched, file);
}
