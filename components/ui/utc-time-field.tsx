"use client";
// A date-time input read and written as UTC (the label should say so): the value is an ISO instant or "".
import { useId } from "react";
import { instantToUtcInput, utcInputToInstant } from "@/components/dlq/dlq-list-params";
import { controlClass, fieldLabelClass } from "./field-styles";

export function UtcTimeField({ label, value, onChange }: { label: string; value: string; onChange: (iso: string) => void }) {
  const id = useId();
  return (
    <div className={fieldLabelClass}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="datetime-local"
        value={instantToUtcInput(value)}
        onChange={(event) => onChange(utcInputToInstant(event.target.value))}
        className={controlClass}
      />
    </div>
  );
}
