// What the demo business does with an ad offer, one handler per offer type (and so per topic). Each checks the
// offer against the schema and the business rules, then against a simulated ad server or image CDN.
import { z } from "zod";
import { DependencyUnavailableError, OfferRejectedError } from "./failures";

export interface HandlerContext {
  /** Aborted when the handler has run out of time. */
  signal: AbortSignal;
  /** 1 for the first attempt. */
  attempt: number;
  /** The corrected release: billboards (970×250) are a size it knows. */
  fixed: boolean;
}

export type OfferHandler = (offer: unknown, context: HandlerContext) => Promise<void>;

const base = {
  offerId: z.string().min(1),
  advertiser: z.string().min(1),
  bidCents: z.number().int(),
};

const bannerSchema = z.object({ ...base, width: z.number().int(), height: z.number().int(), imageUrl: z.url() });
const videoSchema = z.object({ ...base, durationSeconds: z.number(), vastUrl: z.url() });
const nativeSchema = z.object({ ...base, headline: z.string(), imageUrl: z.url() });

const IAB_SIZES = new Set(["300x250", "728x90", "160x600", "300x600", "320x50"]);
// The size the first release forgot; the fixed one knows it.
const BILLBOARD = "970x250";
const MAX_VIDEO_SECONDS = 60;
const MAX_HEADLINE = 90;

function parseOffer<T extends z.ZodType>(schema: T, offer: unknown): z.infer<T> {
  const result = schema.safeParse(offer);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "offer"}: ${issue.message}`);
    throw new OfferRejectedError(`Offer does not match the schema: ${problems.join("; ")}`);
  }
  return result.data;
}

function checkBid(offer: { offerId: string; bidCents: number }): void {
  if (offer.bidCents <= 0) throw new OfferRejectedError(`Offer ${offer.offerId} bids ${offer.bidCents} cents; the floor is 1 cent`);
}

/**
 * Stands in for the ad server and the image CDN, chosen by host name under the reserved `.test` domain:
 * `*.unresponsive.test` never answers, `*.unavailable.test` answers 503 every time, `*.flaky.test` answers 503
 * to the first attempt only; any other host answers at once.
 */
async function fetchSimulated(url: string, { signal, attempt }: HandlerContext): Promise<void> {
  const host = new URL(url).hostname;
  if (host.endsWith(".unresponsive.test")) {
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    return;
  }
  if (host.endsWith(".unavailable.test") || (host.endsWith(".flaky.test") && attempt === 1)) {
    throw new DependencyUnavailableError(`GET ${url} answered 503 Service Unavailable`);
  }
}

const banner: OfferHandler = async (value, context) => {
  const offer = parseOffer(bannerSchema, value);
  checkBid(offer);
  const size = `${offer.width}x${offer.height}`;
  if (!IAB_SIZES.has(size) && !(context.fixed && size === BILLBOARD)) {
    throw new OfferRejectedError(`Banner size ${size} of offer ${offer.offerId} is not a supported IAB size`);
  }
  await fetchSimulated(offer.imageUrl, context);
};

const video: OfferHandler = async (value, context) => {
  const offer = parseOffer(videoSchema, value);
  checkBid(offer);
  if (offer.durationSeconds <= 0 || offer.durationSeconds > MAX_VIDEO_SECONDS) {
    throw new OfferRejectedError(`Video offer ${offer.offerId} runs ${offer.durationSeconds} s; allowed are 1–${MAX_VIDEO_SECONDS} s`);
  }
  await fetchSimulated(offer.vastUrl, context);
};

const native: OfferHandler = async (value, context) => {
  const offer = parseOffer(nativeSchema, value);
  checkBid(offer);
  if (offer.headline.length > MAX_HEADLINE) {
    throw new OfferRejectedError(
      `Native offer ${offer.offerId} has a ${offer.headline.length}-character headline; the limit is ${MAX_HEADLINE}`,
    );
  }
  await fetchSimulated(offer.imageUrl, context);
};

export const OFFER_HANDLERS = { banner, video, native } as const;
export type OfferType = keyof typeof OFFER_HANDLERS;
