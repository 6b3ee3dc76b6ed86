// Alert webhook URLs as people enter and see them (browser-safe: the Settings form shares the schema). The URL
// usually carries a secret (Slack's does), so it is only ever shown masked. Which addresses it may reach is checked
// on the server when it is saved and again when it is used (lib/monitoring/webhook-address.ts).
import { z } from "zod";

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2_048, "at most 2048 characters")
  .refine((value) => URL.canParse(value), "expected an absolute URL")
  .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), "only http:// and https:// URLs")
  .refine(
    (value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password),
    "credentials in the URL are not accepted",
  );

/** "https://hooks.slack.com/services/T0/B0/secret" → "https://hooks.slack.com/…": enough to recognise, nothing to reuse. */
export function maskWebhookUrl(url: string): string {
  if (!URL.canParse(url)) return "…";
  const parsed = new URL(url);
  return parsed.pathname === "/" && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
}
