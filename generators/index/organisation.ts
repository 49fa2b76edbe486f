/**
 * The organisation on the index pages: for each scale, a table of its levels (rows) by tracks (columns), each
 * cell the track's level on that scale level linking into the track's page, so every title at L3 stands side
 * by side, and the managers' scale beside the individual contributors'. Raw text here; each format escapes.
 */
import { type Ladder, levelLabel, type Organisation } from "../../scripts/model/model.js";
import { levelAnchor } from "../markdown/render.js";
import { artifactsOf } from "../shared/artifacts.js";

export interface ScaleView {
  id: string;
  name: string;
  description: string | null;
  /** The tracks with a level on this scale, in the organisation's order. */
  tracks: Array<{ name: string; ladder: string }>;
  rows: Array<{
    code: string;
    title: string;
    summary: string | null;
    /** One per track of `tracks`: the level on this scale level, or null where the track has none. */
    cells: Array<{ label: string; html: string; markdown: string } | null>;
  }>;
}

export interface OrganisationView {
  title: string;
  summary: string | null;
  scales: ScaleView[];
}

/** The view of an organisation over its resolved ladders; ladders that are not tracks (a base) are not columns. */
export function organisationView(ladders: readonly Ladder[], organisation: Organisation): OrganisationView {
  const byId = new Map(ladders.map((l) => [l.id, l]));
  const tracks = organisation.tracks.flatMap((t) => {
    const ladder = byId.get(t.ladder);
    return ladder === undefined ? [] : [{ name: t.name ?? ladder.title, ladder }];
  });
  const href = (ladder: Ladder, kind: "html" | "markdown") =>
    encodeURIComponent(artifactsOf(ladder.id).find((a) => a.kind === kind)?.path ?? "").replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  return {
    title: organisation.title,
    summary: organisation.summary ?? null,
    scales: organisation.scales.map((scale) => {
      const ids = new Set(scale.levels.map((l) => l.id));
      const on = tracks.filter((t) => t.ladder.levels.some((l) => l.scale !== undefined && ids.has(l.scale)));
      return {
        id: scale.id,
        name: scale.name,
        description: scale.description ?? null,
        tracks: on.map((t) => ({ name: t.name, ladder: t.ladder.id })),
        rows: scale.levels.map((scaleLevel) => ({
          code: scaleLevel.code,
          title: scaleLevel.title,
          summary: scaleLevel.summary ?? null,
          cells: on.map(({ ladder }) => {
            const level = ladder.levels.find((l) => l.scale === scaleLevel.id);
            if (level === undefined) return null;
            const fragment = levelAnchor(level.id);
            return {
              label: levelLabel(level),
              html: `${href(ladder, "html")}#${fragment}`,
              markdown: `${href(ladder, "markdown")}#${fragment}`,
            };
          }),
        })),
      };
    }),
  };
}
