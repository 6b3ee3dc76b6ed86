// An error and the ones wrapped in it: kafkajs nests the protocol's error as `originalError`, everything else (ours,
// node-postgres under Drizzle) as `cause`.

/** The error and those wrapped in it (`originalError`, `cause`), outermost first; `type` is a Kafka protocol error's. */
export function errorChain(error: unknown): (Error & { type?: string; code?: unknown })[] {
  const chain: Error[] = [];
  for (let e = error; e instanceof Error; e = (e as Error & { originalError?: unknown; cause?: unknown }).originalError ?? e.cause)
    chain.push(e);
  return chain;
}
