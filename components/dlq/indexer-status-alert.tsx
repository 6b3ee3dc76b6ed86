"use client";
// Says so when the indexer is failing (Kafka unreachable, an ACL missing, the store refusing writes), and when it
// holds back a DLQ topic created again over stored records: the DLQ pages read the store, so without this they
// would look current while new records pile up unread. The reasons are the server's text, shown as text.
import { useIndexerStatus } from "@/lib/query/indexer";
import { RelativeTime } from "@/components/ui/relative-time";
import { warnNoticeClass } from "@/components/ui/notice-styles";

export function IndexerStatusAlert({ cluster }: { cluster: string }) {
  const { data } = useIndexerStatus(cluster);
  if (!data || data.state === "off") return null;
  return (
    <>
      {data.state === "failing" ? (
        <p role="status" aria-label="Indexer" className={warnNoticeClass}>
          <strong>The indexer is failing</strong>
          {data.failingSince ? (
            <>
              {" "}
              (since <RelativeTime iso={data.failingSince} />)
            </>
          ) : null}
          : {data.lastError}. What you see here is what it stored before; records that reached the DLQs since show once it recovers, by
          itself.
        </p>
      ) : null}
      {data.heldBack.map(({ topic, reason, since }) => (
        <p key={topic} role="status" aria-label={`Indexer holding back ${topic}`} className={warnNoticeClass}>
          <strong>New records of {topic} are held back</strong> (since <RelativeTime iso={since} />
          ): {reason}.
        </p>
      ))}
    </>
  );
}
