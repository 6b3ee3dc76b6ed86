import { describe, expect, it } from "vitest";
import { OFFER_HANDLERS, type HandlerContext } from "./offer-handlers";

const context = (overrides: Partial<HandlerContext> = {}): HandlerContext => ({
  signal: new AbortController().signal,
  attempt: 1,
  fixed: false,
  ...overrides,
});
const banner = (overrides: object = {}) => ({
  offerId: "b-1",
  advertiser: "acme",
  bidCents: 120,
  width: 300,
  height: 250,
  imageUrl: "https://cdn.example/b.png",
  ...overrides,
});
const video = (overrides: object = {}) => ({
  offerId: "v-1",
  advertiser: "acme",
  bidCents: 900,
  durationSeconds: 15,
  vastUrl: "https://ads.example/vast.xml",
  ...overrides,
});
const native = (overrides: object = {}) => ({
  offerId: "n-1",
  advertiser: "acme",
  bidCents: 80,
  headline: "Ten tips",
  imageUrl: "https://cdn.example/n.png",
  ...overrides,
});

describe("the offer handlers", () => {
  it("accept valid offers", async () => {
    await expect(OFFER_HANDLERS.banner(banner(), context())).resolves.toBeUndefined();
    await expect(OFFER_HANDLERS.video(video(), context())).resolves.toBeUndefined();
    await expect(OFFER_HANDLERS.native(native(), context())).resolves.toBeUndefined();
  });

  it("reject an offer that does not match the schema, naming the field", async () => {
    await expect(OFFER_HANDLERS.banner(banner({ width: "wide" }), context())).rejects.toMatchObject({
      name: "OfferRejectedError",
      message: expect.stringContaining("width"),
    });
    await expect(OFFER_HANDLERS.video([], context())).rejects.toMatchObject({ name: "OfferRejectedError" });
  });

  it("reject business-rule violations whatever the mode", async () => {
    for (const fixed of [false, true]) {
      await expect(OFFER_HANDLERS.banner(banner({ bidCents: 0 }), context({ fixed }))).rejects.toThrow("bids 0 cents; the floor is 1 cent");
      await expect(OFFER_HANDLERS.video(video({ durationSeconds: 95 }), context({ fixed }))).rejects.toThrow("runs 95 s");
      await expect(OFFER_HANDLERS.native(native({ headline: "x".repeat(91) }), context({ fixed }))).rejects.toThrow(
        "91-character headline",
      );
      await expect(OFFER_HANDLERS.banner(banner({ width: 123, height: 45 }), context({ fixed }))).rejects.toThrow("Banner size 123x45");
    }
  });

  it("reject a 970×250 billboard unless fixed", async () => {
    const billboard = banner({ width: 970, height: 250 });
    await expect(OFFER_HANDLERS.banner(billboard, context())).rejects.toMatchObject({
      name: "OfferRejectedError",
      message: "Banner size 970x250 of offer b-1 is not a supported IAB size",
    });
    await expect(OFFER_HANDLERS.banner(billboard, context({ fixed: true }))).resolves.toBeUndefined();
  });

  it("meet the simulated dependencies: unavailable, flaky on the first attempt, unresponsive until aborted", async () => {
    await expect(OFFER_HANDLERS.video(video({ vastUrl: "https://ads.unavailable.test/v" }), context({ attempt: 3 }))).rejects.toMatchObject(
      { name: "DependencyUnavailableError", retriable: true },
    );
    await expect(OFFER_HANDLERS.native(native({ imageUrl: "https://cdn.flaky.test/n.png" }), context())).rejects.toMatchObject({
      name: "DependencyUnavailableError",
    });
    await expect(
      OFFER_HANDLERS.native(native({ imageUrl: "https://cdn.flaky.test/n.png" }), context({ attempt: 2 })),
    ).resolves.toBeUndefined();

    const controller = new AbortController();
    let settled = false;
    const pending = OFFER_HANDLERS.video(
      video({ vastUrl: "https://ads.unresponsive.test/v" }),
      context({ signal: controller.signal }),
    ).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    controller.abort();
    await pending;
    expect(settled).toBe(true);
  });
});
