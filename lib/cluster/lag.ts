// Consumer lag arithmetic over bigint offsets. Pure: the numbers come from Kafka, the rules live here.

export interface Watermarks {
  low: bigint;
  high: bigint;
}

/**
 * Lag of one partition for one group: log end minus the committed offset, where a committed offset below the
 * log start (records deleted by retention or deleteRecords) counts as the log start, since that is where the
 * consumer will resume. No committed offset means the lag is unknown (null), which is not the same as 0.
 */
export function partitionLag(committed: bigint | null, { low, high }: Watermarks): bigint | null {
  if (committed === null || committed < 0n) return null;
  const position = committed < low ? low : committed;
  return position >= high ? 0n : high - position;
}

/** Sum of the known lags; null when none is known. */
export function totalLag(lags: Iterable<bigint | null>): bigint | null {
  let total: bigint | null = null;
  for (const lag of lags) if (lag !== null) total = (total ?? 0n) + lag;
  return total;
}

/** Records currently held: the sum over partitions of high − low. */
export function messageCount(partitions: Iterable<Watermarks>): bigint {
  let count = 0n;
  for (const { low, high } of partitions) count += high - low;
  return count;
}

/** Kafka's "no offset" sentinel is -1; kafkajs passes it through as the string "-1". */
export function parseCommittedOffset(offset: string | null | undefined): bigint | null {
  if (offset === null || offset === undefined || offset === "") return null;
  const value = BigInt(offset);
  return value < 0n ? null : value;
}
