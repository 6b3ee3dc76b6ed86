// Line diffs with a budget: an edit that changes every line of a large value would cost minutes of CPU (the diff is
// O(N·D)), so past the budget there is no diff, only the word that it was too large. Pure; the server's audit entry
// and the edit dialog's preview both use it.
import { createTwoFilesPatch, diffLines, type Change } from "diff";

export const DIFF_BUDGET = {
  /** Texts longer than this (either side, in UTF-16 units) are not diffed at all: the answer would be cut anyway. */
  maxChars: 1024 * 1024,
  /** Lines added plus lines removed: past it the diff gives up, whatever the machine's speed. */
  maxEditLength: 1_000,
  /** The same in time, for texts whose few changed lines are each very long. */
  timeoutMs: 100,
} as const;

const withinSize = (before: string, after: string) => before.length <= DIFF_BUDGET.maxChars && after.length <= DIFF_BUDGET.maxChars;

const abortable = { maxEditLength: DIFF_BUDGET.maxEditLength, timeout: DIFF_BUDGET.timeoutMs };

/** A unified diff of two texts, with two lines of context; null when the texts are past the budget. */
export function boundedPatch(name: string, before: string, after: string): string | null {
  if (!withinSize(before, after)) return null;
  const options = { context: 2, ...abortable };
  return createTwoFilesPatch(`${name} (before)`, `${name} (after)`, before, after, undefined, undefined, options) ?? null;
}

/** The changes line by line; null when the texts are past the budget. */
export function boundedLineChanges(before: string, after: string): Change[] | null {
  if (!withinSize(before, after)) return null;
  return diffLines(before, after, abortable) ?? null;
}
