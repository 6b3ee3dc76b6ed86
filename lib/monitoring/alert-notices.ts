// What an alert posts: Slack-compatible JSON — `text` for any receiver (and Slack's notification), plus a section
// block for Slack's richer rendering. Pure, so the wording is tested without a receiver.
import type { WebhookPayload } from "./webhook";

/**
 * Slack reads `<…>` as a link or a mention (`<!channel>` pings everyone) and `&` as the start of an entity, in
 * `text` and in mrkdwn blocks alike. Topic names, group ids and exception classes come from Kafka and rule names
 * from an admin, so every text is escaped the way Slack asks; Slack shows the characters as they were.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function notice(text: string, detail: string): WebhookPayload {
  const title = escapeSlackText(text);
  return { text: title, blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${title}*\n${escapeSlackText(detail)}` } }] };
}

export function firingNotice(rule: { name: string; condition: string }, value: string, consoleUrl?: string): WebhookPayload {
  return notice(`[Redrive] FIRING: ${rule.name}`, `${rule.condition}\nNow: ${value}${consoleUrl ? `\n${consoleUrl}` : ""}`);
}

export function resolvedNotice(rule: { name: string; condition: string }, value: string, consoleUrl?: string): WebhookPayload {
  return notice(`[Redrive] RESOLVED: ${rule.name}`, `${rule.condition}\nNow: ${value}${consoleUrl ? `\n${consoleUrl}` : ""}`);
}

export function testNotice(name: string, condition: string, sentBy: string): WebhookPayload {
  return notice(`[Redrive] Test notice for "${name}"`, `${condition}\nSent by ${sentBy} from Settings. Nothing is firing.`);
}
