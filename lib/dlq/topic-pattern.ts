// Which topics are dead-letter queues and which are Kafka's own.

/** Kafka's internal topics and the ones Connect, Streams and schema registries keep for themselves. */
export function isInternalTopic(name: string): boolean {
  return name.startsWith("__") || name === "_schemas" || name.startsWith("_confluent");
}

export function isDlqTopic(name: string, pattern: RegExp): boolean {
  return !isInternalTopic(name) && pattern.test(name);
}
