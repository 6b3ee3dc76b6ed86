// What an alert posts: Slack-compatible JSON — `text` for any receiver (and Slack's notification), plus a section
// block for Slack's richer rendering. Pure, so the wording is tested without a receiver.
import type { WebhookPayload } from "./webhook";

function notice(text: string, detail: string): WebhookPayload {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${text}*\n${detail}` } }] };
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
