import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseServerEnv } from "./env-schema";

describe("parseServerEnv", () => {
  it("applies the embedded defaults", () => {
    const env = parseServerEnv({});
    expect(env.KAFKA_BROKERS).toEqual(["127.0.0.1:9092"]);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDRIVE_DATA_DIR).toBe("./.redrive");
    expect(env.REDRIVE_DLQ_PATTERN.test("orders.DLT")).toBe(true);
  });

  it("samples lag every minute for a week and evaluates alerts every 30 s unless told otherwise", () => {
    const env = parseServerEnv({});
    expect([env.REDRIVE_LAG_SAMPLER, env.REDRIVE_LAG_SAMPLE_SECONDS, env.REDRIVE_LAG_RETENTION_DAYS]).toEqual([true, 60, 7]);
    expect([env.REDRIVE_ALERTS, env.REDRIVE_ALERTS_EVALUATE_SECONDS]).toEqual([true, 30]);
    expect(parseServerEnv({ REDRIVE_LAG_SAMPLER: "false", REDRIVE_LAG_SAMPLE_SECONDS: "2" })).toMatchObject({
      REDRIVE_LAG_SAMPLER: false,
      REDRIVE_LAG_SAMPLE_SECONDS: 2,
    });
  });

  it("limits each store statement to 15 s unless told otherwise, and names a bad limit", () => {
    expect(parseServerEnv({}).REDRIVE_STATEMENT_TIMEOUT_MS).toBe(15_000);
    expect(parseServerEnv({ REDRIVE_STATEMENT_TIMEOUT_MS: "0" }).REDRIVE_STATEMENT_TIMEOUT_MS).toBe(0);
    expect(() => parseServerEnv({ REDRIVE_STATEMENT_TIMEOUT_MS: "soon" })).toThrow(/REDRIVE_STATEMENT_TIMEOUT_MS/);
    expect(() => parseServerEnv({ REDRIVE_STATEMENT_TIMEOUT_MS: "-1" })).toThrow(/REDRIVE_STATEMENT_TIMEOUT_MS: 0 \(off\) or more/);
  });

  it("reads user-defined header mappings", () => {
    const env = parseServerEnv({ REDRIVE_HEADER_MAPPINGS: '[{"name":"billing","exceptionClass":"x-err-type","message":"x-err-msg"}]' });
    expect(env.REDRIVE_HEADER_MAPPINGS).toEqual([{ name: "billing", exceptionClass: "x-err-type", message: "x-err-msg" }]);
    expect(parseServerEnv({}).REDRIVE_HEADER_MAPPINGS).toEqual([]);
  });

  it("serves metrics on no second port unless asked, and then to loopback only unless told otherwise", () => {
    const env = parseServerEnv({});
    expect(env.REDRIVE_METRICS_LISTEN).toBeUndefined();
    expect(env.REDRIVE_METRICS_ALLOW.entries).toEqual(["127.0.0.1", "::1"]);
    const configured = parseServerEnv({ REDRIVE_METRICS_LISTEN: "[::]:9464", REDRIVE_METRICS_ALLOW: "10.0.0.0/8" });
    expect(configured.REDRIVE_METRICS_LISTEN).toEqual({ host: "::", port: 9464 });
    expect(configured.REDRIVE_METRICS_ALLOW.allows("10.9.8.7")).toBe(true);
    expect(configured.REDRIVE_METRICS_ALLOW.allows("127.0.0.1")).toBe(false);
    expect(parseServerEnv({ REDRIVE_METRICS_LISTEN: "0.0.0.0:9464" }).REDRIVE_METRICS_LISTEN).toEqual({ host: "0.0.0.0", port: 9464 });
  });

  it("names the bad entry of a metrics allow-list", () => {
    expect(() => parseServerEnv({ REDRIVE_METRICS_ALLOW: "10.0.0.0/8, intranet" })).toThrow(
      /REDRIVE_METRICS_ALLOW: "intranet" is not an address or CIDR range/,
    );
  });

  it("allows alert webhooks no internal host unless REDRIVE_WEBHOOK_ALLOW lists it, and names a bad entry", () => {
    expect(parseServerEnv({}).REDRIVE_WEBHOOK_ALLOW.entries).toEqual([]);
    const env = parseServerEnv({ REDRIVE_WEBHOOK_ALLOW: "hooks.internal, 127.0.0.1, 10.8.0.0/16" });
    const allow = env.REDRIVE_WEBHOOK_ALLOW;
    expect([allow.allowsHost("hooks.internal"), allow.allows("10.8.1.1"), allow.allows("10.9.1.1")]).toEqual([true, true, false]);
    expect(() => parseServerEnv({ REDRIVE_WEBHOOK_ALLOW: "127.0.0.1, http://x" })).toThrow(
      /REDRIVE_WEBHOOK_ALLOW: "http:\/\/x" is not an address or CIDR range/,
    );
  });

  it("trusts no proxy unless told, and names a bad entry of REDRIVE_TRUSTED_PROXIES", () => {
    expect(parseServerEnv({}).REDRIVE_TRUSTED_PROXIES.entries).toEqual([]);
    const env = parseServerEnv({ REDRIVE_TRUSTED_PROXIES: "10.0.0.0/8, fd00::/8" });
    expect(env.REDRIVE_TRUSTED_PROXIES.allows("10.1.2.3")).toBe(true);
    expect(env.REDRIVE_TRUSTED_PROXIES.allows("fd00::9")).toBe(true);
    expect(env.REDRIVE_TRUSTED_PROXIES.allows("192.0.2.1")).toBe(false);
    expect(() => parseServerEnv({ REDRIVE_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(
      /REDRIVE_TRUSTED_PROXIES: "10.0.0.0\/33" is not an address or CIDR range/,
    );
  });

  it("splits a broker list", () => {
    expect(parseServerEnv({ KAFKA_BROKERS: "a:9092, b:9093" }).KAFKA_BROKERS).toEqual(["a:9092", "b:9093"]);
  });

  it.each([
    [{ KAFKA_BROKERS: "localhost" }, "KAFKA_BROKERS"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ REDRIVE_DLQ_PATTERN: "([" }, "REDRIVE_DLQ_PATTERN"],
    [{ KAFKA_SASL_MECHANISM: "gssapi" }, "KAFKA_SASL_MECHANISM"],
    [{ KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u" }, "KAFKA_SASL_PASSWORD"],
    [{ KAFKA_SSL: "yes" }, "KAFKA_SSL"],
    [{ KAFKA_SSL_CA_FILE: "/nonexistent/ca.pem" }, "KAFKA_SSL_CA_FILE"],
    [{ REDRIVE_HEADER_MAPPINGS: "not json" }, "REDRIVE_HEADER_MAPPINGS"],
    [{ REDRIVE_HEADER_MAPPINGS: '[{"name":"x","colour":"red"}]' }, "REDRIVE_HEADER_MAPPINGS"],
    [{ REDRIVE_LAG_SAMPLE_SECONDS: "0" }, "REDRIVE_LAG_SAMPLE_SECONDS"],
    [{ REDRIVE_LAG_RETENTION_DAYS: "-1" }, "REDRIVE_LAG_RETENTION_DAYS"],
    [{ REDRIVE_ALERTS: "maybe" }, "REDRIVE_ALERTS"],
    [{ REDRIVE_ALERTS_EVALUATE_SECONDS: "1.5" }, "REDRIVE_ALERTS_EVALUATE_SECONDS"],
    [{ REDRIVE_METRICS_LISTEN: "9464" }, "REDRIVE_METRICS_LISTEN"],
    [{ REDRIVE_METRICS_LISTEN: "0.0.0.0:70000" }, "REDRIVE_METRICS_LISTEN"],
    [{ REDRIVE_METRICS_ALLOW: "10.0.0.0/40" }, "REDRIVE_METRICS_ALLOW"],
  ])("names the bad variable in %j", (source, variable) => {
    try {
      parseServerEnv(source);
      expect.unreachable("a bad environment must throw");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      expect((error as Error).message).toContain(`${variable}:`);
    }
  });

  it("refuses a REDRIVE_REDELIVER_TARGETS that is not a regular expression, naming it", () => {
    expect(() => parseServerEnv({ REDRIVE_REDELIVER_TARGETS: "orders(" })).toThrow(
      "REDRIVE_REDELIVER_TARGETS: expected a valid regular expression, matched against the whole topic name",
    );
    expect(parseServerEnv({}).REDRIVE_REDELIVER_TARGETS).toBeUndefined();
  });

  it("never echoes a secret in its message", () => {
    try {
      parseServerEnv({ KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_PASSWORD: "hunter2-secret" });
      expect.unreachable("a missing username must throw");
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2-secret");
    }
  });
});
