// What the indexer reports about itself: its state for the console (its failures are in the words the Kafka port gives).

/** What the indexer is doing, for the console to say when what it shows may be out of date. */
export interface IndexerStatus {
  /** "failing" from a failed discovery, join, read or store until one gets through. */
  state: "indexing" | "failing";
  topics: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** When the failing began (the first failure since the last step that got through). */
  failingSince: Date | null;
  /** DLQ topics created again over stored records: their new records wait until the old ones are forgotten. */
  heldBack: { topic: string; reason: string; since: Date }[];
}
