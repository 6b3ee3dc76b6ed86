"use client";
// The one time a token's secret is visible: a read-only field to copy it from, until the admin says they are done.
import { useId, useRef, useState } from "react";
import type { CreatedToken } from "@/lib/contract/auth-schemas";
import { Button } from "@/components/ui/button";
import { controlClass, fieldLabelClass } from "@/components/ui/field-styles";

export function NewTokenNotice({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const warningId = useId();
  const fieldId = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copyToken() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy("copied");
    } catch {
      // No clipboard access (plain HTTP, or permission refused): select the text so Ctrl+C works.
      inputRef.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div className="flex flex-col gap-2 rounded-md border border-warn/50 bg-warn-soft p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <p id={warningId} className="font-medium text-warn">
          Copy it now — it will not be shown again.
        </p>
        <p role="status" className="text-xs text-fg">
          {copy === "copied"
            ? `Copied the token for ${token.name}.`
            : copy === "failed"
              ? "Could not copy automatically — the token is selected, press Ctrl+C."
              : ""}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className={`${fieldLabelClass} flex-1 sm:min-w-80`}>
          <label htmlFor={fieldId} className="text-fg">
            New token
          </label>
          <input
            id={fieldId}
            ref={inputRef}
            readOnly
            value={token.token}
            aria-describedby={warningId}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
            className={`${controlClass} font-mono`}
          />
        </div>
        <Button onClick={copyToken}>Copy</Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
