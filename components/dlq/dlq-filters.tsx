"use client";
// The filter bar above the message table: search, original topic and a UTC time range, plus the active failure
// group as a removable chip. Every value lives in the URL (see dlq-list-params).
import type { Ref } from "react";
import type { FailureGroup } from "@/lib/contract/schemas";
import { Button } from "@/components/ui/button";
import { FilterChip } from "@/components/ui/filter-chip";
import { SelectField } from "@/components/ui/select-field";
import { UtcTimeField } from "@/components/ui/utc-time-field";
import { DlqSearchBox } from "./dlq-search-box";
import { hasNarrowingFilters, type DlqListParams } from "./dlq-list-params";
import { failureGroupLabel } from "./failure-group-label";

export function DlqFilters({
  params,
  groups,
  chosenGroup,
  onChange,
  onClear,
  searchRef,
}: {
  params: DlqListParams;
  /** The groups loaded so far: their original topics are the ones offered. */
  groups: readonly FailureGroup[] | undefined;
  /** The group the list is narrowed to, when known. */
  chosenGroup: FailureGroup | undefined;
  onChange: (patch: Partial<DlqListParams>) => void;
  onClear: () => void;
  searchRef: Ref<HTMLInputElement>;
}) {
  const originalTopics = [...new Set((groups ?? []).flatMap((group) => (group.originalTopic ? [group.originalTopic] : [])))].sort();
  if (params.originalTopic && !originalTopics.includes(params.originalTopic)) originalTopics.unshift(params.originalTopic);

  return (
    <div className="flex flex-col gap-2">
      <div className="grid grid-cols-2 items-end gap-x-3 gap-y-2 md:grid-cols-3">
        <DlqSearchBox ref={searchRef} value={params.q} onCommit={(q) => onChange({ q })} />
        <SelectField
          label="Original topic"
          className="col-span-2 md:col-span-1"
          value={params.originalTopic}
          onChange={(event) => onChange({ originalTopic: event.target.value })}
          options={[{ value: "", label: "Any original topic" }, ...originalTopics.map((topic) => ({ value: topic, label: topic }))]}
        />
        <UtcTimeField label="From (UTC)" value={params.from} onChange={(from) => onChange({ from })} />
        <UtcTimeField label="To (UTC)" value={params.to} onChange={(to) => onChange({ to })} />
      </div>
      {hasNarrowingFilters(params) ? (
        <div className="flex flex-wrap items-center gap-2">
          {params.fingerprint ? (
            <FilterChip label="Failure group" onRemove={() => onChange({ fingerprint: "" })}>
              {chosenGroup ? failureGroupLabel(chosenGroup) : params.fingerprint}
            </FilterChip>
          ) : null}
          <Button size="sm" onClick={onClear}>
            Clear filters
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** A datetime-local input read and written as UTC, so a shared link means the same instant for everyone. */
