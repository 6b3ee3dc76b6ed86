import { describe, expect, it } from "vitest";
import { escapeSlackText, firingNotice, resolvedNotice, testNotice } from "./alert-notices";

const sectionText = (payload: { blocks?: unknown[] }) => (payload.blocks![0] as { text: { text: string } }).text.text;

describe("alert notices", () => {
  it("escape Slack's markup characters, so a topic or exception class cannot mention, link or break the text", () => {
    expect(escapeSlackText("a<b>&c <!channel> &amp;")).toBe("a&lt;b&gt;&amp;c &lt;!channel&gt; &amp;amp;");
    const rule = { name: "Orders <!here>", condition: "orders<x>.DLT: a new failure group appears" };
    const notice = firingNotice(rule, "1 new: com.shop.Bad<T>&Co in orders<x>.DLT");
    expect(notice.text).toBe("[Redrive] FIRING: Orders &lt;!here&gt;");
    expect(sectionText(notice)).toBe(
      "*[Redrive] FIRING: Orders &lt;!here&gt;*\norders&lt;x&gt;.DLT: a new failure group appears\n" +
        "Now: 1 new: com.shop.Bad&lt;T&gt;&amp;Co in orders&lt;x&gt;.DLT",
    );
    expect(JSON.stringify(notice)).not.toMatch(/[<>]/);
  });

  it("escape every kind of notice, the console link included", () => {
    const resolved = resolvedNotice({ name: "r&d", condition: "<any> DLQ" }, "0 pending", "https://redrive.example/x?a=1&b=2");
    expect(resolved.text).toBe("[Redrive] RESOLVED: r&amp;d");
    expect(sectionText(resolved)).toBe(
      "*[Redrive] RESOLVED: r&amp;d*\n&lt;any&gt; DLQ\nNow: 0 pending\nhttps://redrive.example/x?a=1&amp;b=2",
    );
    const test = testNotice("<@U123>", "x", "Ann <ann@example.com>");
    expect(test.text).toBe('[Redrive] Test notice for "&lt;@U123&gt;"');
    expect(sectionText(test)).toContain("Sent by Ann &lt;ann@example.com&gt; from Settings.");
  });

  it("leave text without markup characters as it is", () => {
    expect(firingNotice({ name: "Orders DLQ filling", condition: "orders.DLT: pending above 100" }, "orders.DLT: 120 pending")).toEqual({
      text: "[Redrive] FIRING: Orders DLQ filling",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*[Redrive] FIRING: Orders DLQ filling*\norders.DLT: pending above 100\nNow: orders.DLT: 120 pending",
          },
        },
      ],
    });
  });
});
