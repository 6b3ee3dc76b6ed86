// This release's version, from package.json: the one source for /api/health, the console's footer and the store's
// record of the releases that opened it. Bundled at build time, so the standalone server needs no package.json.
import packageJson from "@/package.json";

export const APP_VERSION: string = packageJson.version;
