// Runs work items with at most `limit` in flight, items of one lane strictly one after another (so messages
// with the same key keep their order), and starts nothing new once `stopping()` says so or an item has thrown.
// It settles only when nothing it started is still running; then it rethrows the first error.

export async function runInLanes<T>(
  items: readonly T[],
  laneOf: (item: T) => string,
  limit: number,
  run: (item: T, index: number) => Promise<void>,
  stopping: () => boolean,
): Promise<void> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const lane = laneOf(item);
    const queue = lanes.get(lane);
    if (queue) queue.push(index);
    else lanes.set(lane, [index]);
  });
  const waiting = [...lanes.values()];
  let failed = false;
  // Each worker takes the next whole lane, so two items of one lane never run at once.
  const worker = async () => {
    for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
      for (const index of lane) {
        if (failed || stopping()) return;
        try {
          await run(items[index]!, index);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, waiting.length) }, worker));
  const rejected = results.find((result) => result.status === "rejected");
  if (rejected) throw rejected.reason;
}
