// Validates what the deploy check renders, offline: the chart's appVersion against package.json, every manifest against its Kubernetes OpenAPI schema
// (kubernetes-models; ServiceMonitor with @kubernetes-models/prometheus-operator), the chart's own promises on every
// Deployment, and compose.yaml against the Compose specification's JSON schema (as dclint ships it) with its environment checked against
// the README's Configuration table.
//   node validate.mjs --chart <Chart.yaml> --manifests <rendered.yaml>... --compose <compose.yaml> --readme <README.md>
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments, parse } from "yaml";
import Ajv from "ajv";

const failures = [];
const fail = (where, problem) => failures.push(`${where}: ${problem}`);

/** The kubernetes-models module that holds an apiVersion's models. */
function modelModule(apiVersion) {
  if (apiVersion.startsWith("monitoring.coreos.com/")) return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  return `kubernetes-models/${apiVersion}`;
}

async function validateManifest(where, manifest) {
  const { apiVersion, kind } = manifest;
  let Model;
  try {
    Model = (await import(modelModule(apiVersion)))[kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return fail(where, `no schema for ${apiVersion} ${kind}`);
  try {
    new Model(manifest).validate();
  } catch (error) {
    fail(where, `${kind} ${manifest.metadata?.name}: ${error.message}`);
  }
}

const envNames = (container) => new Set((container.env ?? []).map((variable) => variable.name));

/** What the chart promises about every Deployment it renders, whatever the values. */
function checkDeployment(where, deployment) {
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;
  const env = envNames(container);
  const mounts = new Map((container.volumeMounts ?? []).map((mount) => [mount.mountPath, mount]));
  const promise = (holds, problem) => holds || fail(where, `Deployment ${deployment.metadata.name}: ${problem}`);
  promise(pod.securityContext?.runAsNonRoot === true, "pod must run as non-root");
  promise(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", "pod must use the RuntimeDefault seccomp profile");
  promise(container.securityContext?.readOnlyRootFilesystem === true, "root filesystem must be read-only");
  promise(container.securityContext?.allowPrivilegeEscalation === false, "privilege escalation must be off");
  promise(container.securityContext?.capabilities?.drop?.includes("ALL"), "all capabilities must be dropped");
  promise(mounts.has("/data") && mounts.has("/tmp"), "/data and /tmp must be writable mounts");
  promise(pod.terminationGracePeriodSeconds >= 30, "terminationGracePeriodSeconds must leave the 25 s drain room");
  promise(container.livenessProbe?.httpGet?.path === "/api/health", "liveness probe must be GET /api/health");
  promise(container.readinessProbe?.httpGet?.path === "/api/ready", "readiness probe must be GET /api/ready");
  if (deployment.spec.replicas > 1) {
    promise(env.has("DATABASE_URL"), "several replicas need DATABASE_URL (PGlite is one process's store)");
    promise(env.has("REDRIVE_AUTH_SECRET"), "several replicas need one REDRIVE_AUTH_SECRET");
  } else if (!env.has("DATABASE_URL")) {
    promise(deployment.spec.strategy?.type === "Recreate", "on PGlite the old pod must stop before the new one starts");
  }
  if (env.has("REDRIVE_CONFIG")) {
    const mount = mounts.get("/etc/redrive");
    promise(mount && !mount.subPath, "the config file must be mounted as a directory (a subPath never sees updates)");
  }
}

async function validateManifests(files) {
  for (const file of files) {
    const kinds = [];
    for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (document.errors.length) {
        fail(basename(file), `not YAML: ${document.errors[0].message}`);
        continue;
      }
      const manifest = document.toJS();
      if (!manifest) continue;
      kinds.push(manifest.kind);
      await validateManifest(basename(file), manifest);
      if (manifest.kind === "Deployment") checkDeployment(basename(file), manifest);
    }
    console.log(`${failures.length ? "…" : "ok"}   ${basename(file)}: ${kinds.length} manifests (${kinds.join(", ")})`);
  }
}

/** The variable names of the README's Configuration table (`| \`NAME\`, \`OTHER\` | default | meaning |`). */
function documentedVariables(readme) {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? "";
  const names = new Set();
  for (const line of section.split("\n")) {
    const first = line.startsWith("| `") ? line.split("|")[1] : "";
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(match[1]);
  }
  return names;
}

function validateCompose(file, readmeFile) {
  const compose = parse(readFileSync(file, "utf8"));
  // The Compose specification's schema as dclint bundles it. It names custom formats (durations, ports) that only
  // Compose itself knows: structure and types are checked, not those formats.
  // dclint's package exports do not list it, so it is read from the install beside this script; its $schema spells
  // draft-07's address in a way Ajv does not know, and Ajv's default is draft-07 anyway.
  const schema = JSON.parse(readFileSync(new URL("node_modules/dclint/schemas/compose.schema.json", import.meta.url), "utf8"));
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
  if (!validate(compose)) {
    for (const error of validate.errors) fail(basename(file), `${error.instancePath || "(root)"} ${error.message}`);
  }
  const documented = documentedVariables(readFileSync(readmeFile, "utf8"));
  if (documented.size < 20) fail(readmeFile, "could not read the Configuration table");
  const environment = compose.services?.redrive?.environment ?? {};
  for (const name of Object.keys(environment)) {
    if (!documented.has(name)) fail(basename(file), `services.redrive.environment.${name} is not in the README's Configuration table`);
  }
  const profile = (service) => compose.services?.[service]?.profiles?.includes("monitoring");
  if (!profile("prometheus") || !profile("grafana")) fail(basename(file), "Prometheus and Grafana belong to the monitoring profile");
  console.log(
    `${failures.length ? "…" : "ok"}   ${basename(file)}: ${Object.keys(compose.services ?? {}).length} services, ` +
      `redrive's ${Object.keys(environment).length} variables checked against the README`,
  );
}

/** The chart's appVersion (its image tag by default) is the app's version. */
function checkAppVersion(chartFile, packageFile) {
  const { appVersion } = parse(readFileSync(chartFile, "utf8"));
  const { version } = JSON.parse(readFileSync(packageFile, "utf8"));
  if (appVersion !== version) fail(chartFile, `appVersion ${appVersion} is not package.json's version ${version}`);
  else console.log(`ok   ${chartFile}: appVersion ${appVersion} is package.json's version`);
}

const args = process.argv.slice(2);
const after = (flag) => {
  const start = args.indexOf(flag);
  if (start < 0) return [];
  const end = args.findIndex((arg, i) => i > start && arg.startsWith("--"));
  return args.slice(start + 1, end < 0 ? undefined : end);
};
const [chartFile] = after("--chart");
if (chartFile) checkAppVersion(chartFile, "package.json");
await validateManifests(after("--manifests"));
const [composeFile] = after("--compose");
if (composeFile) validateCompose(composeFile, after("--readme")[0] ?? "README.md");
for (const failure of failures) console.log(`FAIL ${failure}`);
process.exit(failures.length ? 1 : 0);
