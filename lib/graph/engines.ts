import type { EngineConnection } from '../topology';
import type { GraphEdge, GraphElements, GraphNode } from './elements';
import { ASPECT, type Placed, type Rect } from './layout';
import { textWidth } from './text';

/**
 * Several engines on one map. Each engine's picture is built and placed on its own, as on its own map, then merged:
 * the first engine keeps its ids exactly, every other engine's ids get its name and a slash before them
 * (`v26/net:<networkId>`), and each engine is a group (`engine:<name>`) that holds its picture under a heading that
 * names it, its version and its status in words.
 */

/** The group of one engine on the all-engines map. */
export const engineGroupId = (name: string) => `engine:${name}`;

/** An element's id on the all-engines map: the first engine's ids are kept, the others carry `NAME/`. */
export const engineElementId = (prefix: string | null, id: string) => (prefix === null ? id : `${prefix}/${id}`);

/**
 * The engine an id on the all-engines map belongs to (null: the first) and the id on that engine's own map. Engine
 * names have no `:` and every graph id starts with `kind:`, so a `/` before any `:` ends an engine's name.
 */
export function splitEngineId(id: string): { engine: string | null; id: string } {
  const slash = id.indexOf('/');
  const colon = id.indexOf(':');
  if (slash > 0 && (colon === -1 || slash < colon)) return { engine: id.slice(0, slash), id: id.slice(slash + 1) };
  return { engine: null, id };
}

export interface EnginePart {
  name: string;
  endpoint: string;
  status: EngineConnection;
  version: string;
  /** Why it is not connected, in the Engine's or the configuration's words. */
  detail?: string;
  /** Its picture and where each node is drawn on its own map; left out while the engine is not connected. */
  picture?: { elements: GraphElements; positions: ReadonlyMap<string, Placed> };
}

export interface MergedPicture {
  elements: GraphElements;
  positions: Map<string, Placed>;
}

/** Room around an engine's picture inside its group, and between groups, in graph units. */
export const GROUP_PAD = 48;
export const GROUP_GAP = 140;
/** An engine with nothing to show is this wide, in headings' type sizes, and as tall as its status and why take, wrapped. */
export const EMPTY_GROUP_W = 22;
/** The smallest heading; larger pictures get larger headings, so they still read when the whole map fits a screen. */
export const GROUP_FONT_MIN = 34;
/** The heading's type is this fraction of the map's larger side (scaled to a screen’s shape): 12 px or more at a fit on 1280×720, header and toolbar taken. */
const FONT_PER_SIDE = 1 / 30;

/**
 * One picture of every engine. `parts` come in the order Portolan lists the engines; the first keeps its ids. Groups
 * are set in rows aiming at a screen's shape, in that order.
 */
export function mergeEngines(parts: readonly EnginePart[]): MergedPicture {
  const contents = parts.map((part) => (part.status === 'connected' && part.picture ? boundsOf(part.picture.positions) : null));
  const sized = (font: number) =>
    contents.map((r, i) => {
      if (!r) return emptyGroup(headingOf(parts[i]!), font);
      // A connected engine's heading is its name and version over "connected", above its picture, never cut.
      const heading = textWidth(headingOf(parts[i]!).split('\n')[0]!, font) + 2 * GROUP_PAD;
      return { w: Math.max(r.w + 2 * GROUP_PAD, heading), h: r.h + 2 * GROUP_PAD + head(font) };
    });
  // The heading's size follows the whole map's, so first the map at the smallest heading.
  const rough = pack(sized(GROUP_FONT_MIN));
  const font = Math.max(GROUP_FONT_MIN, Math.ceil(Math.max(rough.w / ASPECT, rough.h) * FONT_PER_SIDE));
  const headings = parts.map((part) => headingOf(part));
  const placed = pack(sized(font));

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const positions = new Map<string, Placed>();
  parts.forEach((part, i) => {
    const at = placed.at[i]!;
    const group = engineGroupId(part.name);
    const top = head(font);
    nodes.push({
      id: group,
      kind: 'engine',
      label: headings[i]!,
      classes: ['engine', `engine-${part.status}`],
      data: {
        engine: part.name,
        status: part.status,
        endpoint: part.endpoint,
        version: part.version,
        fontSize: font,
        head: top,
        ...(part.detail ? { detail: part.detail } : {}),
      },
    });
    positions.set(group, { x: at.x + at.w / 2, y: at.y + at.h / 2, w: at.w, h: at.h });
    const content = contents[i];
    if (!content || !part.picture) return;
    const prefix = i === 0 ? null : part.name;
    const dx = at.x + GROUP_PAD - content.x;
    const dy = at.y + top + GROUP_PAD - content.y;
    for (const n of part.picture.elements.nodes) nodes.push(prefixNode(n, prefix, part.name, group));
    for (const e of part.picture.elements.edges) edges.push(prefixEdge(e, prefix, part.name, group));
    for (const [id, p] of part.picture.positions) positions.set(engineElementId(prefix, id), { ...p, x: p.x + dx, y: p.y + dy });
  });
  return { elements: { nodes, edges }, positions };
}

/** The group's heading: its name and version, then its status in words (with why, when it is not connected). */
export function headingOf(part: Pick<EnginePart, 'name' | 'version' | 'status' | 'detail' | 'endpoint'>): string {
  const first = part.version ? `${part.name} · Docker ${part.version.replace(/\+\S*$/, '')}` : `${part.name} · ${part.endpoint}`;
  const status = part.status === 'connected' ? 'connected' : part.detail ? `${part.status}: ${part.detail}` : part.status;
  return `${first}\n${status}`;
}

/** An engine's group with nothing in it: its heading wraps in its middle (graphStyle), so it is as tall as the lines take, and one to spare. */
function emptyGroup(heading: string, font: number): { w: number; h: number } {
  const w = EMPTY_GROUP_W * font;
  const lines = heading.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line, font) / (w - 2 * GROUP_PAD))), 0);
  return { w, h: (lines + 1) * font * 1.1 + 2 * GROUP_PAD };
}

/** Room a connected group's heading takes above its picture: two lines and a margin. */
const head = (font: number) => Math.ceil(2 * font * 1.25 + GROUP_PAD);

/**
 * Where each group goes: in rows of the same number of groups, in order, that number chosen so that the whole map
 * fits a screen's shape largest. A last row that is not full is set to the right: the activity ticker lies bottom left.
 */
function pack(sizes: readonly { w: number; h: number }[]): { at: Rect[]; w: number; h: number } {
  let best: { at: Rect[]; w: number; h: number } | null = null;
  for (let perRow = 1; perRow <= Math.max(1, sizes.length); perRow++) {
    const at: Rect[] = [];
    let y = 0;
    let width = 0;
    for (let start = 0; start < sizes.length; start += perRow) {
      const row = sizes.slice(start, start + perRow);
      const short = start > 0 && row.length < perRow;
      let x = short ? Math.max(0, width - row.reduce((sum, s) => sum + s.w + GROUP_GAP, -GROUP_GAP)) : 0;
      for (const s of row) {
        at.push({ x, y, w: s.w, h: s.h });
        x += s.w + GROUP_GAP;
      }
      width = Math.max(width, x - GROUP_GAP);
      y += Math.max(...row.map((s) => s.h)) + GROUP_GAP;
    }
    const packed = { at, w: width, h: Math.max(0, y - GROUP_GAP) };
    if (!best || Math.max(packed.w / ASPECT, packed.h) < Math.max(best.w / ASPECT, best.h)) best = packed;
  }
  return best!;
}

/** Nodes without a size (the host, drivers, ports) are counted as this big around their centre. */
const POINT = { w: 320, h: 90 };

/** The rectangle every placed node of one engine's picture covers. */
export function boundsOf(positions: ReadonlyMap<string, Placed>): Rect | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of positions.values()) {
    const w = p.w ?? POINT.w;
    const h = p.h ?? POINT.h;
    x1 = Math.min(x1, p.x - w / 2);
    y1 = Math.min(y1, p.y - h / 2);
    x2 = Math.max(x2, p.x + w / 2);
    y2 = Math.max(y2, p.y + h / 2);
  }
  return x1 === Infinity ? null : { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/**
 * Prefixed copies by the element they copy and the engine's group: an engine's unchanged elements keep their identity
 * from one picture to the next (toElements keeps it), so their copies do too, and diffing the merged picture stays
 * cheap. Scopes and drivers are one object on every engine's picture, hence a copy per group.
 */
const copies = new WeakMap<GraphNode | GraphEdge, Map<string, GraphNode | GraphEdge>>();

function copyOf<T extends GraphNode | GraphEdge>(original: T, group: string, make: () => T): T {
  let kept = copies.get(original);
  if (!kept) copies.set(original, (kept = new Map()));
  let copy = kept.get(group) as T | undefined;
  if (!copy) kept.set(group, (copy = make()));
  return copy;
}

function prefixNode(n: GraphNode, prefix: string | null, engine: string, group: string): GraphNode {
  return copyOf(n, group, () => ({
    ...n,
    id: engineElementId(prefix, n.id),
    // What has no box or scope of its own (the host, scopes, drivers) is in its engine's group.
    parent: n.parent !== undefined ? engineElementId(prefix, n.parent) : group,
    data: { ...n.data, engine },
  }));
}

function prefixEdge(e: GraphEdge, prefix: string | null, engine: string, group: string): GraphEdge {
  return copyOf(e, group, () => ({
    ...e,
    id: engineElementId(prefix, e.id),
    source: engineElementId(prefix, e.source),
    target: engineElementId(prefix, e.target),
    data: { ...e.data, engine },
  }));
}
