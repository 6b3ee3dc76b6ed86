// The console's warning notice (a paragraph above or inside what it warns about): waiting or retrying jobs, a failing
// indexer, a redelivery to a topic that is not the original.
export const warnNoticeClass = "rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn [overflow-wrap:anywhere]";
