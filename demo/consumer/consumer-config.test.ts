import { describe, expect, it } from "vitest";
import { consumerConfig } from "./consumer-config";

describe("consumerConfig", () => {
  it("defaults to the demo topics, unfixed, with the group as transactional id prefix", () => {
    const config = consumerConfig({}, []);
    expect(config.DEMO_CONSUMER_TOPICS).toEqual([
      { topic: "demo.offers.banner", handler: "banner" },
      { topic: "demo.offers.video", handler: "video" },
      { topic: "demo.offers.native", handler: "native" },
    ]);
    expect(config.fixed).toBe(false);
    expect(config.transactionalIdPrefix).toBe("demo.offers-worker");
    expect(config.CONSUMER_PORT).toBe(8900);
  });

  it("turns fixed mode on with --fixed or DEMO_CONSUMER_FIXED=1", () => {
    expect(consumerConfig({}, ["--fixed"]).fixed).toBe(true);
    expect(consumerConfig({ DEMO_CONSUMER_FIXED: "1" }, []).fixed).toBe(true);
    expect(() => consumerConfig({}, ["--fast"])).toThrow(/--fast/);
  });

  it("names the variable that is wrong", () => {
    expect(() => consumerConfig({ DEMO_CONSUMER_TOPICS: "orders=billing" }, [])).toThrow(
      /DEMO_CONSUMER_TOPICS.*handler one of banner, video, native/,
    );
    expect(() => consumerConfig({ DEMO_CONSUMER_MAX_IN_FLIGHT: "0" }, [])).toThrow(/DEMO_CONSUMER_MAX_IN_FLIGHT/);
    expect(() => consumerConfig({ KAFKA_BROKERS: "nohost" }, [])).toThrow(/KAFKA_BROKERS/);
  });
});
