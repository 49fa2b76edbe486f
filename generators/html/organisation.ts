/**
 * The page's part of an organisation (model.ts `Organisation`, resolved ladders from scripts/resolve/): where
 * each level sits on the organisation's scale, links to the same level in the other tracks, and one view per
 * level that compares each competency across the tracks at that scale level. A ladder outside an organisation
 * gets none of it (every function returns null or an empty list), so its page is as before.
 */
import { type Competency, type Ladder, type Level, levelLabel } from "../../scripts/model/model.js";
import type { RenderOptions } from "../shared/site.js";

export interface LinkContext {
  href: string;
  label: string;
}

export interface OrgLevelContext {
  /** "Senior (L3) on the organisation's scale: …"; null when the level has no scale level. */
  scale: string | null;
  /** The same scale level in the other tracks: `programmer.html#level-l3`. */
  others: LinkContext[];
  /** This level's across-tracks view, when another track has the same scale level. */
  across: string | null;
  /**
   * In an organisation of more than `MAX_PEERS_ON_PAGE` other tracks, instead of `others` and `across`: a link
   * to the index, whose scale table shows every track's title at this level side by side.
   */
  elsewhere: LinkContext | null;
}

/**
 * The most other tracks a page names and compares itself with. Each page holding every other track makes the
 * pages of an organisation grow with the square of its tracks (100 tracks: 1.4 MB a page, 140 MB in all); past
 * this bound a page links to the index instead, which shows the organisation once.
 */
export const MAX_PEERS_ON_PAGE = 12;

export interface AcrossView {
  anchor: string;
  levelId: string;
  heading: string;
  /** Column headers: this track first, then each other track with its level's label. */
  columns: string[];
  /** Columns of the table: the competency column and one per track. */
  span: number;
  categories: Array<{ name: string; rows: AcrossRow[] }>;
}

export interface AcrossRow {
  anchor: string;
  competencyId: string;
  name: string;
  description: string | null;
  cells: Array<{ label: string; text: string; note: string | null }>;
}

interface Peer {
  ladder: Ladder;
  track: string;
}

export const acrossAnchor = (levelId: string) => `tracks-${levelId}`;
export const acrossRowAnchor = (levelId: string, competencyId: string) => `tracks-${levelId}--${competencyId}`;

/** The organisation's tracks as resolved ladders, made once per build (every page looks into the same list). */
interface Tracks {
  peers: Peer[];
  ids: Set<string>;
  /** Scale level id to the number of tracks with a level on it. */
  onScale: Map<string, number>;
}

const indexes = new WeakMap<readonly Ladder[], Tracks>();

function tracksOf(options: RenderOptions): Tracks | undefined {
  const { organisation, ladders } = options;
  if (!organisation || !ladders) return undefined;
  let tracks = indexes.get(ladders);
  if (!tracks) {
    const byId = new Map(ladders.map((l) => [l.id, l]));
    const peers = organisation.tracks.flatMap((track) => {
      const ladder = byId.get(track.ladder);
      return ladder ? [{ ladder, track: track.name ?? ladder.title }] : [];
    });
    const onScale = new Map<string, number>();
    for (const { ladder } of peers) {
      for (const scale of new Set(ladder.levels.map((l) => l.scale))) {
        if (scale !== undefined) onScale.set(scale, (onScale.get(scale) ?? 0) + 1);
      }
    }
    tracks = { peers, ids: new Set(peers.map((p) => p.ladder.id)), onScale };
    indexes.set(ladders, tracks);
  }
  return tracks;
}

/** The other tracks of the organisation, in the organisation's order, as resolved ladders. */
function peersOf(ladder: Ladder, options: RenderOptions): Peer[] {
  return tracksOf(options)?.peers.filter((p) => p.ladder.id !== ladder.id) ?? [];
}

/** How many other tracks the organisation has, without listing them. */
function peerCount(ladder: Ladder, options: RenderOptions): number {
  const tracks = tracksOf(options);
  return tracks ? tracks.peers.length - (tracks.ids.has(ladder.id) ? 1 : 0) : 0;
}

/** Whether the page shows its peers (few enough) or links to the index for them. */
const showsPeers = (ladder: Ladder, options: RenderOptions) => peerCount(ladder, options) <= MAX_PEERS_ON_PAGE;

const levelOnScale = (ladder: Ladder, scale: string | undefined) =>
  scale === undefined ? undefined : ladder.levels.find((l) => l.scale === scale);

/** "Track SRE of Acme engineering", or null outside an organisation. */
export function trackLine(ladder: Ladder): string | null {
  const org = ladder.organisation;
  if (!org) return null;
  return org.track ? `The ${org.track} track of ${org.title}` : `Shared by the tracks of ${org.title}`;
}

export function orgLevel(ladder: Ladder, level: Level, options: RenderOptions): OrgLevelContext {
  const scaleLevel = level.scale === undefined ? undefined : ladder.organisation?.scaleLevels[level.scale];
  const scale = scaleLevel
    ? `${scaleLevel.title} (${scaleLevel.code}) on the ${scaleLevel.scaleName} scale${scaleLevel.summary ? `: ${scaleLevel.summary}` : ""}`
    : null;
  if (!showsPeers(ladder, options)) {
    const tracks = tracksOf(options);
    const own = tracks?.ids.has(ladder.id) ? 1 : 0;
    const count = level.scale === undefined ? 0 : (tracks?.onScale.get(level.scale) ?? 0) - own;
    const label = `${count} other tracks have a level here: see every title side by side`;
    return {
      scale,
      others: [],
      across: null,
      elsewhere: count > 0 ? { href: "index.html#organisation", label } : null,
    };
  }
  const others = peersOf(ladder, options).flatMap(({ ladder: other, track }) => {
    const same = levelOnScale(other, level.scale);
    return same ? [{ href: `${other.id}.html#level-${same.id}`, label: `${track}: ${levelLabel(same)}` }] : [];
  });
  return { scale, others, across: others.length > 0 ? `#${acrossAnchor(level.id)}` : null, elsewhere: null };
}

/** What a cell says at a level: its text, or that it does not apply (and why), or that the track lacks it. */
function cellOf(
  competency: Competency | undefined,
  level: Level | undefined,
  dropped?: { reason: string },
): { text: string; note: string | null } {
  if (!competency || !level) return { text: dropped?.reason ?? "", note: "Not in this track" };
  if (competency.notApplicable && Object.hasOwn(competency.notApplicable, level.id)) {
    return { text: competency.notApplicable[level.id] ?? "", note: "Does not apply" };
  }
  return { text: competency.cells[level.id] ?? "", note: null };
}

/** One across-tracks view per level that shares its scale level with another track. */
export function acrossViews(ladder: Ladder, options: RenderOptions): AcrossView[] {
  if (!showsPeers(ladder, options)) return [];
  const peers = peersOf(ladder, options);
  const own = ladder.organisation?.track ?? ladder.title;
  return ladder.levels.flatMap((level): AcrossView[] => {
    const matched = peers.flatMap((peer) => {
      const same = levelOnScale(peer.ladder, level.scale);
      return same ? [{ ...peer, level: same }] : [];
    });
    if (matched.length === 0) return [];
    const find = (l: Ladder, id: string) => l.categories.flatMap((c) => c.competencies).find((c) => c.id === id);
    return [
      {
        anchor: acrossAnchor(level.id),
        levelId: level.id,
        heading: `${levelLabel(level)} across tracks`,
        columns: [`${own}: ${levelLabel(level)}`, ...matched.map((m) => `${m.track}: ${levelLabel(m.level)}`)],
        span: matched.length + 2,
        categories: ladder.categories.map((category) => ({
          name: category.name,
          rows: category.competencies.map((competency) => ({
            anchor: acrossRowAnchor(level.id, competency.id),
            competencyId: competency.id,
            name: competency.name,
            description: competency.description ?? null,
            cells: [
              { label: `${own}: ${levelLabel(level)}`, ...cellOf(competency, level) },
              ...matched.map((m) => ({
                label: `${m.track}: ${levelLabel(m.level)}`,
                ...cellOf(
                  find(m.ladder, competency.id),
                  m.level,
                  m.ladder.dropped?.find((d) => d.id === competency.id),
                ),
              })),
            ],
          })),
        })),
      },
    ];
  });
}
