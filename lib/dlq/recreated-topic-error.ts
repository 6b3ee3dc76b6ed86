// The refusal to store a DLQ topic's records over those of the topic it replaced (deleted and created again): the
// store raises it, the indexer holds the partition back on it, and forgetting the old records ends it. Pure, so
// every layer can name it.

/** Storing the new topic's records over the old ones would keep the old record at each offset and drop the new one. */
export class RecreatedTopicError extends Error {
  constructor(
    readonly cluster: string,
    readonly topic: string,
    readonly partition: number,
    /** What gave it away, in words that follow the topic's name. */
    finding: string,
  ) {
    super(
      `DLQ topic "${topic}" ${finding}: the topic was deleted and created again. Its new records are not indexed until the ` +
        `old ones are forgotten: resolve their pending records, then forget them (an admin's Forget… on the DLQ page, or ` +
        `\`npm run redrive -- dlq forget --cluster ${cluster} --topic ${topic}\`)`,
    );
    this.name = "RecreatedTopicError";
  }
}
