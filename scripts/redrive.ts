// `npm run redrive -- <command>`: administration from the machine itself, acting as "system".
//   user create --username NAME --role ROLE [--name "Display Name"]   (password on stdin)
//   token create --name NAME --role ROLE [--expires-in 90d]            (prints the token once)
//   token list | token revoke ID
//   audit verify
//   fingerprints rebuild [--cluster C] [--topic T]
//   dlq forget [--cluster C] --topic T
// A command that acts on one cluster takes it from --cluster (default "default"), through the server's context for it,
// so REDRIVE_CONFIG's clusters are the ones it knows.
// With the embedded store it refuses to run while a server holds the data directory; with PostgreSQL it
// can run beside any number of servers.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { systemActor } from "@/lib/auth/actor";
import { createToken, listTokens, parseExpiresIn, revokeToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { InvalidClusterConfigError } from "@/lib/config/cluster-file";
import { DEFAULT_CLUSTER_ID, getCluster } from "@/lib/config/clusters";
import { newTokenSchema, newUserSchema } from "@/lib/contract/auth-schemas";
import { InvalidEnvironmentError, parseServerEnv } from "@/lib/env-schema";
import { RedriveError } from "@/lib/errors";
import { buildClusterContext, type ClusterContext } from "@/lib/server/context";
import { openStore, type Store } from "@/lib/store/open-store";
import { refingerprintDlq, storedDlqs } from "@/lib/store/refingerprint";
import { forgetDlq } from "@/lib/triage/forget-dlq";
import { ZodError } from "zod";

const USAGE = `usage: npm run redrive -- <command>
  user create --username NAME --role viewer|operator|admin [--name "Display Name"]   (reads the password from stdin)
  token create --name NAME --role viewer|operator|admin [--expires-in 90d|12w|1y]    (prints the token once)
  token list
  token revoke ID
  audit verify
  fingerprints rebuild [--cluster C] [--topic T]   (after an upgrade that changes failure grouping)
  dlq forget [--cluster C] --topic T               (drops a triaged DLQ's stored records, e.g. after its topic was recreated)`;

class UsageError extends Error {}

/** The context of the cluster named by --cluster (default "default"), over the store this command opened. */
function clusterOf(store: Store, values: Record<string, string | boolean | undefined>): ClusterContext {
  const id = typeof values.cluster === "string" && values.cluster !== "" ? values.cluster : DEFAULT_CLUSTER_ID;
  return buildClusterContext(getCluster(id), store);
}

function option(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

async function run(store: Store, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      "expires-in": { type: "string" },
      cluster: { type: "string" },
      topic: { type: "string" },
    },
  });
  const [noun, verb, id] = positionals;
  const actor = systemActor("cli");
  switch (`${noun} ${verb}`) {
    case "user create": {
      const password = readFileSync(0, "utf8").replace(/\r?\n$/, "");
      const input = newUserSchema.parse({
        username: option(values, "username"),
        name: values.name,
        role: option(values, "role"),
        password,
      });
      const user = await createUser(store, actor, input);
      console.log(`Created ${user.role} "${user.username}".`);
      return 0;
    }
    case "token create": {
      const expiresInDays = values["expires-in"] === undefined ? null : parseExpiresIn(String(values["expires-in"]));
      const input = newTokenSchema.parse({ name: option(values, "name"), role: option(values, "role"), expiresInDays });
      const token = await createToken(store, actor, input);
      const expiry = token.expiresAt ? `, expires ${token.expiresAt}` : "";
      console.log(`Created ${token.role} token "${token.name}" (${token.id}${expiry}). It is shown once — keep it now:`);
      console.log(token.token);
      return 0;
    }
    case "token list": {
      for (const t of await listTokens(store)) {
        const expiry = t.expiresAt ? `expires ${t.expiresAt}` : "never expires";
        const use = t.lastUsedAt ? `last used ${t.lastUsedAt}` : "never used";
        const state = t.revokedAt ? `REVOKED ${t.revokedAt}` : "active";
        console.log([t.id, t.name, t.role, t.prefix + "…", `created ${t.createdAt}`, expiry, use, state].join("  "));
      }
      return 0;
    }
    case "token revoke": {
      if (!id) throw new UsageError("token revoke needs the token's id (see token list)");
      const token = await revokeToken(store, actor, id);
      console.log(`Token "${token.name}" is revoked.`);
      return 0;
    }
    case "audit verify": {
      const result = await verifyAuditLog(store);
      console.log(
        result.ok
          ? `Audit log intact: ${result.entries} entries, head ${result.head}`
          : `Audit log BROKEN at sequence ${result.firstBadSeq} (of ${result.entries} entries)`,
      );
      return result.ok ? 0 : 1;
    }
    case "fingerprints rebuild": {
      const dlqs = await storedDlqs(store, { cluster: values.cluster as string | undefined, topic: values.topic as string | undefined });
      if (dlqs.length === 0) throw new UsageError("no DLQ records in the store match --cluster/--topic");
      for (const { cluster, topic } of dlqs) {
        const { records, changed } = await refingerprintDlq(store, cluster, topic);
        console.log(`${topic} on ${cluster}: ${records} records, ${changed} regrouped${changed > 0 ? "; failure groups rebuilt" : ""}`);
      }
      return 0;
    }
    case "dlq forget": {
      const topic = option(values, "topic");
      const { cluster } = clusterOf(store, values);
      const { records, redelivered, discarded } = await forgetDlq(store, actor, { cluster: cluster.id, topic });
      console.log(
        `Forgot ${records} records of ${topic} (${redelivered} redelivered, ${discarded} discarded); the indexer stores the topic's records afresh.`,
      );
      return 0;
    }
    default:
      throw new UsageError(positionals.length ? `unknown command "${positionals.join(" ")}"` : "no command given");
  }
}

async function main(): Promise<number> {
  let store: Store | undefined;
  try {
    const env = parseServerEnv(process.env);
    store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.REDRIVE_DATA_DIR });
    return await run(store, process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ZodError) console.error(error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("\n"));
    else if (
      error instanceof RedriveError ||
      error instanceof InvalidEnvironmentError ||
      error instanceof InvalidClusterConfigError ||
      ["StoreLockedError", "StoreTooNewError"].includes((error as Error).name)
    )
      console.error((error as Error).message);
    else console.error(`redrive: ${(error as Error).message}`);
    return 2;
  } finally {
    await store?.close();
  }
}

main().then((code) => process.exit(code));
