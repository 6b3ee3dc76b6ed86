// The record's key: text, hex when it is not UTF-8, or null.
import type { WireBytes } from "@/lib/contract/schemas";
import { CopyButton } from "@/components/ui/copy-button";
import { Panel } from "@/components/ui/panel";
import { BytesText } from "./bytes-text";

export function KeyPanel({ recordKey }: { recordKey: WireBytes | null }) {
  return (
    <Panel
      title="Key"
      actions={
        recordKey === null ? null : recordKey.text !== null ? (
          <CopyButton label="Copy key" text={recordKey.text} />
        ) : (
          <CopyButton label="Copy key as base64" text={recordKey.base64} />
        )
      }
    >
      <div aria-label="Key" role="group" className="rounded-md border border-border bg-surface px-3 py-2">
        <BytesText bytes={recordKey} label="Key" />
      </div>
    </Panel>
  );
}
