// Replica health of a partition, as an operator reads it.
import type { PartitionOffsets } from "@/lib/contract/schemas";

/** A partition is under-replicated when fewer replicas are in sync than are assigned. */
export function isUnderReplicated(partition: Pick<PartitionOffsets, "replicas" | "isr">): boolean {
  return partition.isr.length < partition.replicas.length;
}

export function countUnderReplicated(partitions: readonly Pick<PartitionOffsets, "replicas" | "isr">[]): number {
  return partitions.filter(isUnderReplicated).length;
}
