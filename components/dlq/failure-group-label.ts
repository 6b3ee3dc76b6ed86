// A failure group in one line, "OrderNotFoundException · Order <n> not found", for chips, dialogs and job pages.
import type { FailureGroup } from "@/lib/contract/schemas";
import { shortClassName } from "./short-class-name";

export const failureGroupLabel = (group: Pick<FailureGroup, "exceptionClass" | "reason">) =>
  `${shortClassName(group.exceptionClass) ?? "Unknown exception"} · ${group.reason ?? "no message"}`;
