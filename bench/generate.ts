/**
 * A synthetic organisation for the benchmark: N ladders × L levels × C competencies, written in the canonical
 * layout of `ladder fmt`. Deterministic: the same shape and seed give the same bytes. Words and cell lengths
 * come from the seed ladder, so texts read (and cost) like real ones; each row varies its cells' lengths only
 * a little and never repeats a text, so the ladders are valid and lint-clean.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** How many ladders, levels per ladder and competencies per ladder. */
export interface Shape {
  ladders: number;
  levels: number;
  competencies: number;
  /**
   * With an organisation file: one scale of `levels` levels; ladder 1 is the base, every other ladder a track
   * that extends it and adds `competencies` rows of its own (so a track resolves to twice the rows).
   */
  organisation?: boolean;
}

export const cellsOf = (shape: Shape) => shape.ladders * shape.levels * shape.competencies;

/** Words that would change a text's voice or read as YAML's true/false/null; never drawn. */
const EXCLUDED = new Set(["you", "your", "yours", "true", "false", "null", "yes", "no", "on", "off", "y", "n"]);

/** mulberry32: a small, fast, seeded PRNG. Returns numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed ladder's vocabulary and cell lengths: what synthetic text is made of. */
export interface Corpus {
  words: string[];
  /** Verbs that open the seed's sentences ("Leads", "Plans"): third person, like the seed. */
  openers: string[];
  lengths: number[];
}

/** Reads words and cell lengths from a ladder file in the canonical layout (one line per cell). */
export function corpusFrom(yamlText: string): Corpus {
  const cells = [...yamlText.matchAll(/^ {10}[a-z0-9-]+: (.+)$/gm)].map((m) => m[1].replace(/^"|"$/g, ""));
  const tokens = cells.flatMap((cell) => cell.match(/[A-Za-z]+/g) ?? []);
  const words = [...new Set(tokens.map((w) => w.toLowerCase()))].filter((w) => w.length > 1 && !EXCLUDED.has(w));
  const openers = [
    ...new Set(cells.flatMap((c) => c.match(/(?:^|\. )[A-Z][a-z]+s\b/g) ?? []).map((m) => m.replace(/^\. /, ""))),
  ].filter((w) => !EXCLUDED.has(w.toLowerCase()));
  return { words: words.sort(), openers: openers.sort(), lengths: cells.map((c) => c.length) };
}

/** One sentence-built text of about `target` characters: "Leads word word, word word. Plans word …". */
function text(random: () => number, corpus: Corpus, target: number): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  const sentences: string[] = [];
  let length = 0;
  while (length < target) {
    const count = 5 + Math.floor(random() * 10);
    const words = [pick(corpus.openers)];
    for (let i = 1; i < count; i++) words.push(`${pick(corpus.words)}${random() < 0.08 && i < count - 1 ? "," : ""}`);
    const sentence = `${words.join(" ")}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(" ");
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The text of ladder number `index` of an organisation, in the canonical layout. */
export function ladderYaml(shape: Shape, index: number, corpus: Corpus, seed = 1): string {
  const random = prng(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const name = (words: number) =>
    Array.from({ length: words }, () => capital(pick(corpus.words)))
      .join(" ")
      .trim();
  const family = `${name(2)} ${index + 1}`;
  const lines = [
    "# yaml-language-server: $schema=../schemas/ladder.schema.json",
    "",
    `title: Titles for ${family}`,
    `summary: ${text(random, corpus, 120)}`,
    ...(shape.organisation && index > 0 ? ["extends: family-001"] : []),
    "levels:",
  ];
  // A track's own rows and categories get ids of their own, so they add to the base's rather than override.
  const own = shape.organisation && index > 0 ? `t${index + 1}-` : "";
  for (let l = 1; l <= shape.levels; l++) {
    lines.push(`  - id: l${l}`, `    code: L${l}`, `    title: ${family} Engineer ${l}`);
    if (shape.organisation) lines.push(`    scale: l${l}`);
    if (l % 3 === 0) lines.push(`    summary: ${text(random, corpus, 80)}`);
  }
  lines.push("categories:");
  const perCategory = 10;
  for (let k = 0; k < shape.competencies; k++) {
    if (k % perCategory === 0) {
      const c = k / perCategory + 1;
      lines.push(`  - id: ${own}category-${c}`, `    name: ${name(1)} ${c}`);
      if (c % 2 === 1) lines.push(`    description: ${text(random, corpus, 90)}`);
      lines.push("    competencies:");
    }
    lines.push(`      - id: ${own}competency-${k + 1}`, `        name: ${name(1 + (k % 3))}`);
    if (k % 7 === 0) lines.push(`        description: ${text(random, corpus, 100)}`);
    lines.push("        cells:");
    // A row's cells stay within ±25% of one length, so none is far shorter or longer than its neighbours.
    const rowLength = pick(corpus.lengths);
    for (let l = 1; l <= shape.levels; l++) {
      lines.push(`          l${l}: ${text(random, corpus, Math.round(rowLength * (0.75 + random() * 0.5)))}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Writes an organisation as `<root>/ladder/<id>.yaml` plus a copy of the schema (for the modeline). */
export function writeOrganisation(root: string, shape: Shape, corpus: Corpus, schemaDir: string): string[] {
  mkdirSync(path.join(root, "ladder"), { recursive: true });
  cpSync(schemaDir, path.join(root, "schemas"), { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < shape.ladders; i++) {
    const file = path.join(root, "ladder", `family-${String(i + 1).padStart(3, "0")}.yaml`);
    writeFileSync(file, ladderYaml(shape, i, corpus));
    files.push(file);
  }
  if (shape.organisation) {
    const levels = Array.from({ length: shape.levels }, (_, l) => [
      `      - id: l${l + 1}`,
      `        code: L${l + 1}`,
      `        title: Level ${l + 1}`,
    ]).flat();
    const tracks = Array.from(
      { length: shape.ladders - 1 },
      (_, i) => `  - ladder: family-${String(i + 2).padStart(3, "0")}`,
    );
    const lines = [
      "title: Benchmark organisation",
      "scales:",
      "  - id: ic",
      "    name: Engineers",
      "    levels:",
      ...levels,
    ];
    const file = path.join(root, "ladder", "organisation.yaml");
    writeFileSync(
      file,
      `${[...lines, "tracks:", ...(tracks.length > 0 ? tracks : ["  - ladder: family-001"])].join("\n")}\n`,
    );
    files.push(file);
  }
  return files;
}

/**
 * Copies `from` to `to` with `fraction` of all cells changed (at least one a ladder): each chosen cell gets
 * one word replaced and a sentence added, the kind of edit a pull request makes. With `ladders`, only that
 * many ladder files change, the last by name (a track, not the base of an organisation): a pull request
 * usually touches one ladder of many. Returns how many cells changed.
 */
export function writeChanged(
  from: string,
  to: string,
  fraction: number,
  corpus: Corpus,
  seed = 7,
  ladders = Number.POSITIVE_INFINITY,
): number {
  cpSync(from, to, { recursive: true });
  const random = prng(seed);
  const dir = path.join(to, "ladder");
  let changed = 0;
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".yaml") && !n.startsWith("organisation"))
    .sort()
    .slice(-ladders);
  for (const name of names) {
    const lines = readFileSync(path.join(dir, name), "utf8").split("\n");
    // Quoted texts are left alone: words appended after the closing quote would not be YAML.
    const cells = lines.flatMap((line, i) => (/^ {10}[a-z0-9-]+: [^"'\s]/.test(line) ? [i] : []));
    const count = Math.min(cells.length, Math.max(1, Math.round(cells.length * fraction)));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(cells[Math.floor(random() * cells.length)]);
    for (const at of [...chosen].sort((a, b) => a - b)) {
      const words = lines[at].split(" ");
      const w = 13 + Math.floor(random() * Math.max(1, words.length - 14));
      if (w < words.length - 1) words[w] = corpus.words[Math.floor(random() * corpus.words.length)];
      lines[at] = `${words.join(" ")} ${text(random, corpus, 30)}`;
      changed++;
    }
    writeFileSync(path.join(dir, name), lines.join("\n"));
  }
  return changed;
}

/**
 * Writes `count` copies of a ladder file (the seed) as `<root>/ladder/track-NNN.yaml`, plus the schema: an
 * organisation of many small ladders, where per-ladder costs show.
 */
export function writeCopies(root: string, count: number, ladderText: string, schemaDir: string): string[] {
  mkdirSync(path.join(root, "ladder"), { recursive: true });
  cpSync(schemaDir, path.join(root, "schemas"), { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(root, "ladder", `track-${String(i + 1).padStart(3, "0")}.yaml`);
    writeFileSync(file, ladderText);
    files.push(file);
  }
  return files;
}

/**
 * An organisation of `count` tracks that extend one base: `ladder/organisation.yaml` (one scale, L1–L5 from
 * the base's levels, every track listed), `ladder/core.yaml` (the ladder given, each level placed on the
 * scale) and `ladder/track-NNN.yaml`, each extending core with its own level titles and one cell of its own.
 * Resolved, every track has the base's cells: `count` × the base's cells, as with `writeCopies`.
 */
export function writeInheriting(root: string, count: number, baseText: string, schemaDir: string): string[] {
  mkdirSync(path.join(root, "ladder"), { recursive: true });
  cpSync(schemaDir, path.join(root, "schemas"), { recursive: true });
  const levels = [...baseText.matchAll(/^ {2}- id: (\S+)\n {4}code: (.+)\n {4}title: (.+)$/gm)];
  const core = baseText.replace(/^( {2}- id: (\S+)\n {4}code: .+\n {4}title: .+)$/gm, "$1\n    scale: $2");
  const firstCell = /^ {6}- id: (\S+)\n(?: {8}.+\n)*? {8}cells:\n {10}(\S+): /m.exec(baseText);
  const category = /^ {2}- id: (\S+)$/m.exec(baseText.slice(baseText.indexOf("categories:")));
  if (levels.length === 0 || !firstCell || !category) throw new Error("the base ladder is not in the canonical layout");
  const ids = Array.from({ length: count }, (_, i) => `track-${String(i + 1).padStart(3, "0")}`);
  const scale = levels.flatMap(([, id, code, title]) => [
    `      - id: ${id}`,
    `        code: ${code}`,
    `        title: ${title}`,
  ]);
  const organisation = [
    "title: A benchmark organisation",
    "scales:",
    "  - id: ic",
    "    name: Individual contributors",
    "    levels:",
    ...scale,
    "tracks:",
    ...ids.flatMap((id, i) => [`  - ladder: ${id}`, `    name: Track ${i + 1}`]),
  ];
  writeFileSync(path.join(root, "ladder", "organisation.yaml"), `${organisation.join("\n")}\n`);
  writeFileSync(path.join(root, "ladder", "core.yaml"), core);
  const files = ids.map((id, i) => {
    const lines = [
      `title: Track ${i + 1}`,
      "extends: core",
      "levels:",
      ...levels.flatMap(([, level, code, title]) => [
        `  - id: ${level}`,
        `    code: ${code}`,
        `    title: ${title} ${i + 1}`,
        `    scale: ${level}`,
      ]),
      "categories:",
      `  - id: ${category[1]}`,
      "    competencies:",
      `      - id: ${firstCell[1]}`,
      "        cells:",
      `          ${firstCell[2]}: Works as track ${i + 1} asks, with help from the team.`,
    ];
    const file = path.join(root, "ladder", `${id}.yaml`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    return file;
  });
  return files;
}
