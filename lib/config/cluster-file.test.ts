// The clusters file: its format, `${ENV}` references, defaults, and refusals that name the path and the field but never
// a value (a value may be a secret).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DLQ_PATTERN } from "@/lib/env-schema";
import { InvalidClusterConfigError, clusterFingerprint, fieldName, loadClusterFile, parseClusterFile } from "./cluster-file";

const PATH = "/etc/redrive.yaml";
const instance = { clientId: "redrive", connectionTimeoutMs: 3000, runs: { indexer: true, jobs: true, lagSampling: true } };
const parse = (text: string, env: Record<string, string> = {}, runs = instance.runs) =>
  parseClusterFile(PATH, text, env, { ...instance, runs });
const refusal = (text: string, env: Record<string, string> = {}) => {
  try {
    parse(text, env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidClusterConfigError);
    return (error as Error).message;
  }
  throw new Error("the file was accepted");
};

const FULL = `
clusters:
  - id: default
    name: Local
    brokers: ["127.0.0.1:9092"]
  - id: prod-eu
    brokers: ["kafka-1.eu:9093", "kafka-2.eu:9093"]
    clientId: redrive-eu
    sasl: { mechanism: scram-sha-512, username: "\${KAFKA_USER}", password: "\${KAFKA_PASSWORD}" }
    tls: { enabled: true, rejectUnauthorized: false }
    dlqPattern: "\\\\.errors$"
    headerMappings: [{ name: billing, exceptionClass: x-err-type, message: x-err-msg }]
    keepFailureHeaders: true
    redeliverTargets: "orders|payments"
    indexer: false
    lagSampling: false
`;

describe("parseClusterFile", () => {
  it("reads every field, resolves ${ENV} references and fills the defaults", () => {
    const [local, eu] = parse(FULL, { KAFKA_USER: "svc-redrive", KAFKA_PASSWORD: "s3cret-pw" });
    expect(local).toMatchObject({
      id: "default",
      name: "Local",
      brokers: ["127.0.0.1:9092"],
      clientId: "redrive",
      connectionTimeoutMs: 3000,
      ssl: undefined,
      sasl: undefined,
    });
    expect(local!.dlqPattern).toEqual(new RegExp(DEFAULT_DLQ_PATTERN, "i"));
    expect(local!.settings).toEqual({
      headerMappings: [],
      keepFailureHeaders: false,
      redeliverTargets: undefined,
      runs: { indexer: true, jobs: true, lagSampling: true },
    });
    expect(eu).toMatchObject({
      id: "prod-eu",
      name: "prod-eu",
      clientId: "redrive-eu",
      sasl: { mechanism: "scram-sha-512", username: "svc-redrive", password: "s3cret-pw" },
      ssl: { rejectUnauthorized: false },
    });
    expect(eu!.dlqPattern.test("orders.ERRORS")).toBe(true);
    expect(eu!.settings.headerMappings).toEqual([{ name: "billing", exceptionClass: "x-err-type", message: "x-err-msg" }]);
    expect(eu!.settings.keepFailureHeaders).toBe(true);
    expect(eu!.settings.redeliverTargets?.test("orders")).toBe(true);
    expect(eu!.settings.redeliverTargets?.test("orders-audit")).toBe(false);
    expect(eu!.settings.runs).toEqual({ indexer: false, jobs: true, lagSampling: false });
  });

  it("reads JSON as well", () => {
    expect(parse(JSON.stringify({ clusters: [{ id: "a", brokers: ["h:1"] }] })).map((c) => c.id)).toEqual(["a"]);
  });

  it("AND-s each cluster's switches with the instance's", () => {
    const [cluster] = parse("clusters: [{ id: a, brokers: ['h:1'], jobs: true }]", {}, { indexer: false, jobs: true, lagSampling: false });
    expect(cluster!.settings.runs).toEqual({ indexer: false, jobs: true, lagSampling: false });
  });

  it("reads TLS files at load, and refuses one that cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "redrive-tls-"));
    writeFileSync(join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    const [cluster] = parse(`clusters: [{ id: a, brokers: ['h:1'], tls: { caFile: ${join(dir, "ca.pem")} } }]`);
    expect(cluster!.ssl).toEqual({ ca: "-----BEGIN CERTIFICATE-----\n", cert: undefined, key: undefined, rejectUnauthorized: true });
    expect(refusal(`clusters: [{ id: a, brokers: ['h:1'], tls: { caFile: ${join(dir, "missing.pem")} } }]`)).toBe(
      `REDRIVE_CONFIG ${PATH}: clusters[0].tls.caFile: file cannot be read`,
    );
  });

  it("names the path and the field of what is wrong", () => {
    expect(refusal("clusters: [{ id: a, brokers: ['h:1'] }, { id: b, brokers: [] }]")).toBe(
      `REDRIVE_CONFIG ${PATH}: clusters[1].brokers: expected at least one host:port`,
    );
    expect(refusal("clusters: [{ id: a, brokers: ['no-port'] }]")).toBe(
      `REDRIVE_CONFIG ${PATH}: clusters[0].brokers[0]: expected host:port`,
    );
    expect(refusal("clusters: [{ id: Prod, brokers: ['h:1'] }]")).toMatch(/: clusters\[0\]\.id: expected 1–63 lowercase/);
    expect(refusal("clusters: [{ id: a, brokers: ['h:1'] }, { id: a, brokers: ['h:2'] }]")).toBe(
      `REDRIVE_CONFIG ${PATH}: clusters[1].id: "a" is used by an earlier cluster`,
    );
    expect(refusal("clusters: [{ id: a, brokers: ['h:1'], dlqPattern: '(' }]")).toBe(
      `REDRIVE_CONFIG ${PATH}: clusters[0].dlqPattern: expected a valid regular expression`,
    );
    expect(refusal("clusters: [{ id: a, brokers: ['h:1'], sasl: { mechanism: gssapi, username: u, password: p } }]")).toMatch(
      /clusters\[0\]\.sasl\.mechanism: expected plain/,
    );
    expect(refusal("clusters: [{ id: a, brokers: ['h:1'], indexr: false }]")).toMatch(
      /^REDRIVE_CONFIG \/etc\/redrive\.yaml: clusters\[0\]: /,
    );
    expect(refusal("clusters: []")).toBe(`REDRIVE_CONFIG ${PATH}: clusters: expected at least one cluster`);
    expect(refusal("clusters: [{ id: a, brokers: ['h:1'] }]\nextra: 1")).toMatch(/: \(the file\): /);
  });

  it("names a missing variable and the field that refers to it", () => {
    expect(refusal(FULL, { KAFKA_USER: "svc" })).toBe(
      `REDRIVE_CONFIG ${PATH}: clusters[1].sasl.password: environment variable KAFKA_PASSWORD is not set`,
    );
  });

  it("never puts a value in its message: not a resolved secret, not a line of the file", () => {
    const secret = "hunter2-topsecret";
    const bad = refusal("clusters: [{ id: a, brokers: ['h:1'], sasl: { mechanism: nope, username: u, password: '${PW}' } }]", {
      PW: secret,
    });
    expect(bad).not.toContain(secret);
    const broken = refusal(`clusters:\n  - id: a\n    password: "${secret}\n  brokers: [`);
    expect(broken).toMatch(/^REDRIVE_CONFIG \/etc\/redrive\.yaml: line \d+, column \d+: not valid YAML or JSON/);
    expect(broken).not.toContain(secret);
  });

  it("tells a changed cluster from an unchanged one", () => {
    const [a] = parse("clusters: [{ id: a, brokers: ['h:1'] }]");
    const [same] = parse("clusters: [{ id: a, brokers: ['h:1'] }]");
    const [other] = parse("clusters: [{ id: a, brokers: ['h:1'], dlqPattern: 'x' }]");
    expect(clusterFingerprint(same!)).toBe(clusterFingerprint(a!));
    expect(clusterFingerprint(other!)).not.toBe(clusterFingerprint(a!));
  });
});

describe("loadClusterFile", () => {
  it("refuses a file that cannot be read, by its path", () => {
    expect(() => loadClusterFile("/nonexistent/redrive.yaml", {}, instance)).toThrow(
      "REDRIVE_CONFIG /nonexistent/redrive.yaml: (the file): cannot be read (ENOENT)",
    );
  });
});

describe("fieldName", () => {
  it("writes a zod path the way the file reads", () => {
    expect(fieldName(["clusters", 1, "sasl", "password"])).toBe("clusters[1].sasl.password");
    expect(fieldName([])).toBe("(the file)");
  });
});
