/**
 * The house shows the pipeline: the folders under scripts/ are the stage list of ARCHITECTURE.md, in its
 * order; a stage imports only itself and the stages above it; no imports form a cycle; no file passes 300 lines.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "..");
const scripts = path.join(root, "scripts");

function stagesInArchitecture(): string[] {
  const text = readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");
  const section = text.slice(text.indexOf("## The stages"), text.indexOf("### The CLI"));
  return [...section.matchAll(/^\d+\. \*\*([a-z-]+)\*\* \(`scripts\/([a-z-]+)\/`/gm)].map((m) => {
    expect(m[2], `stage ${m[1]} names its own folder`).toBe(m[1]);
    return m[1] as string;
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

/** Relative imports of a file (static, dynamic and type-only), resolved to the files they name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1] as string);
  return specs.map((s) => {
    const target = path.resolve(path.dirname(file), s);
    return target.endsWith(".js") && !target.includes(`${path.sep}generators${path.sep}shared${path.sep}word-diff`)
      ? target.replace(/\.js$/, ".ts")
      : target;
  });
}

const all = [...sourceFiles(scripts), ...sourceFiles(path.join(root, "generators"))];

describe("the layout of scripts/", () => {
  it("has one folder per stage, the list and the order of ARCHITECTURE.md, and only the entry point beside them", () => {
    const stages = stagesInArchitecture();
    expect(stages.length).toBeGreaterThan(4);
    const entries = readdirSync(scripts, { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    expect([...folders].sort()).toEqual([...stages].sort());
    expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual(["ladder.ts"]);
  });

  it("has a stage import only itself and the stages above it", () => {
    const stages = stagesInArchitecture();
    const stageOf = (file: string) => {
      const rel = path.relative(scripts, file);
      return rel.startsWith("..") ? -1 : stages.indexOf(rel.split(path.sep)[0] as string);
    };
    const wrong: string[] = [];
    for (const file of sourceFiles(scripts)) {
      const own = stageOf(file);
      if (own < 0) continue;
      for (const target of importsOf(file)) {
        const theirs = stageOf(target);
        if (theirs > own) wrong.push(`${path.relative(root, file)} → ${path.relative(root, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no import cycle among scripts/ and generators/", () => {
    const graph = new Map(all.map((f) => [f, importsOf(f).filter((t) => all.includes(t))]));
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(root, f)).join(" → "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of all) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("keeps every source file under 300 lines", () => {
    const long = [...all, ...sourceFiles(path.join(root, "bench"))]
      .map((f) => ({ file: path.relative(root, f), lines: readFileSync(f, "utf8").split("\n").length - 1 }))
      .filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });
});
