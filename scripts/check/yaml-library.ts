/**
 * The reference YAML parser (the `yaml` package), loaded on first use. Plain ladder files never need it (the
 * fast path in load.ts parses them), and loading it costs every command about 25 ms of start-up.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let library: typeof Yaml | undefined;

/** The `yaml` package's exports; the same module instance an `import … from "yaml"` gets. */
export function yamlLibrary(): typeof Yaml {
  library ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return library;
}
