// A text input with its visible label above it. The label points at the input by id rather than wrapping it:
// a wrapping label would put the field's value into its accessible name.
import clsx from "clsx";
import { useId, type ComponentProps } from "react";
import { controlClass, fieldLabelClass } from "./field-styles";

export function TextField({ label, className, id, ...input }: ComponentProps<"input"> & { label: string }) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  return (
    <div className={clsx(fieldLabelClass, className)}>
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} spellCheck={false} className={controlClass} {...input} />
    </div>
  );
}
