// A native select with a label: visible above it in forms, or visually hidden inside a table row.
// The label points at the select by id: a wrapping label would add the chosen option to the select's accessible name.
import clsx from "clsx";
import { useId, type ComponentProps } from "react";
import { controlClass, fieldLabelClass } from "./field-styles";

export type SelectOption = { value: string; label: string };

export function SelectField({
  label,
  hideLabel = false,
  options,
  className,
  id,
  ...select
}: Omit<ComponentProps<"select">, "children"> & { label: string; hideLabel?: boolean; options: readonly SelectOption[] }) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  return (
    <div className={clsx(fieldLabelClass, className)}>
      <label htmlFor={selectId} className={clsx(hideLabel && "sr-only")}>
        {label}
      </label>
      <select id={selectId} className={clsx(controlClass, "pr-7")} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
