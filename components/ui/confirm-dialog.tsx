"use client";
// A modal question before an action that cannot be undone. The native <dialog> traps focus, makes the page inert and closes on Escape.
import clsx from "clsx";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  cancelLabel = "Cancel",
  wide = false,
  confirmDisabled = false,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** When the action itself is "cancel", the way out needs another name. */
  cancelLabel?: string;
  /** For dialogs that show a table (the bulk job's sample). */
  wide?: boolean;
  /** While the action runs, or until what the dialog asks for is valid (a reason, a dry run that found work). */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React state close the dialog, so state and DOM never disagree.
        event.preventDefault();
        onCancel();
      }}
      className={clsx(
        "m-auto rounded-lg border border-border bg-surface p-5 text-fg shadow-xl backdrop:bg-black/50",
        wide ? "w-[min(42rem,calc(100vw-2rem))]" : "w-[min(28rem,calc(100vw-2rem))]",
      )}
    >
      <div className="flex flex-col gap-3">
        <h2 id={titleId} className="text-base font-semibold [overflow-wrap:anywhere]">
          {title}
        </h2>
        {children}
        {/* Stays in view while a long dialog scrolls (its bottom padding included, so nothing shows beneath). */}
        <div className="sticky -bottom-5 -mb-5 flex justify-end gap-2 bg-surface pt-2 pb-5">
          <Button onClick={onCancel} autoFocus>
            {cancelLabel}
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={confirmDisabled}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
