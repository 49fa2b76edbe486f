/**
 * The benchmark's sizes: what `--sizes` names and how each is written to disk. Pure but for `writeSize`.
 * - `seed`: the seed ladder alone;
 * - `N` (1, 2, 4, 8): N × the base organisation of 6 ladders × 10 levels × 100 competencies;
 * - `50k`: 50 such ladders; `LxVxC`: L ladders of V levels × C competencies;
 * - `seedxN` (seedx20, seedx208, seedx834): N copies of the seed ladder, an organisation of many small ladders;
 * - `org:LxVxC`: as `LxVxC`, with ladder/organisation.yaml: ladder 1 a base, the others tracks extending it.
 * - `orgxN` (orgx834): an organisation file and N tracks that extend the seed ladder as their shared base.
 */
import { cpSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Corpus, type Shape, writeCopies, writeInheriting, writeOrganisation } from "./generate.js";

export interface Size {
  name: string;
  shape: Shape | "seed";
  /** Set for `seedxN`: the ladders are this many copies of the seed. */
  copies?: number;
  /** Set for `orgxN`: this many tracks extend the seed (as `core`) in an organisation. */
  tracks?: number;
}

const BASE: Shape = { ladders: 6, levels: 10, competencies: 100 };
/** The seed ladder's shape: 5 levels × 12 competencies. */
export const SEED_SHAPE: Shape = { ladders: 1, levels: 5, competencies: 12 };

export function parseSizes(list: string): Size[] {
  return list.split(",").map((token) => {
    const name = token.trim();
    if (name === "seed") return { name, shape: "seed" };
    if (name === "50k") return { name, shape: { ladders: 50, levels: 10, competencies: 100 } };
    if (/^\d+$/.test(name) && Number(name) > 0)
      return { name: `${name}×`, shape: { ...BASE, ladders: BASE.ladders * Number(name) } };
    const copies = /^seedx(\d+)$/.exec(name);
    if (copies && Number(copies[1]) > 0) {
      const n = Number(copies[1]);
      return { name: `seed×${n}`, shape: { ...SEED_SHAPE, ladders: n }, copies: n };
    }
    const tracks = /^orgx(\d+)$/.exec(name);
    if (tracks && Number(tracks[1]) > 0) {
      const n = Number(tracks[1]);
      return { name: `org×${n}`, shape: { ...SEED_SHAPE, ladders: n }, tracks: n };
    }
    const m = /^(org:)?(\d+)x(\d+)x(\d+)$/.exec(name);
    if (m && Number(m[2]) > 0 && Number(m[3]) > 0 && Number(m[4]) > 0) {
      const shape = { ladders: Number(m[2]), levels: Number(m[3]), competencies: Number(m[4]) };
      // org:…: with ladder/organisation.yaml, a base and tracks that extend it (bench/generate.ts).
      return { name, shape: m[1] === undefined ? shape : { ...shape, organisation: true } };
    }
    throw new Error(
      `--sizes: "${name}" is not seed, 50k, a multiple like 2, seedxN (N copies of the seed), orgxN (N tracks extending the seed), LADDERSxLEVELSxCOMPETENCIES or org:LxVxC`,
    );
  });
}

/** Writes the ladders (and schemas) of `size` under `dir`; returns its shape as measured. */
export function writeSize(size: Size, dir: string, projectRoot: string, corpus: Corpus): Shape {
  const schemas = path.join(projectRoot, "schemas");
  const seedText = () => readFileSync(path.join(projectRoot, "ladder/sre.yaml"), "utf8");
  if (size.shape === "seed") {
    cpSync(path.join(projectRoot, "ladder"), path.join(dir, "ladder"), { recursive: true });
    cpSync(schemas, path.join(dir, "schemas"), { recursive: true });
    return seedShape(seedText());
  }
  if (size.copies !== undefined) {
    const text = seedText();
    writeCopies(dir, size.copies, text, schemas);
    return { ...seedShape(text), ladders: size.copies };
  }
  if (size.tracks !== undefined) {
    // The tracks' resolved cells are counted; the base's own are not (it is one ladder more).
    const text = seedText();
    writeInheriting(dir, size.tracks, text, schemas);
    return { ...seedShape(text), ladders: size.tracks };
  }
  writeOrganisation(dir, size.shape, corpus, schemas);
  return size.shape;
}

/** Levels and competencies of a ladder file in the canonical layout. */
function seedShape(text: string): Shape {
  const levels = (text.match(/^ {4}code: /gm) ?? []).length;
  return { ladders: 1, levels, competencies: (text.match(/^ {8}cells:/gm) ?? []).length };
}
