import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../../lib/graph/elements';
import type { Placed } from '../../lib/graph/layout';
import { fitLabel, fitName, textWidth, type Measure } from '../../lib/graph/text';
import { LABEL_WIDTH, PRESENTER_CONTAINER_W, PRESENTER_HOST_3_LINES, TYPE, type Mode } from './graphStyle';

const FONT_FAMILY = 'ui-sans-serif, system-ui, sans-serif';
const measures = new Map<string, Measure>();
let context: CanvasRenderingContext2D | null | undefined;

/** Text widths as the page draws them, at a size and weight; an estimate where there is no canvas. */
function measureAt(size: number, weight: number): Measure | undefined {
  const font = `${weight} ${size}px ${FONT_FAMILY}`;
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  let measure = measures.get(font);
  if (!measure) {
    const ctx = context;
    measure = (text) => {
      ctx.font = font;
      return ctx.measureText(text).width;
    };
    measures.set(font, measure);
  }
  return measure;
}

/** An address or a subnet is never shortened: a cut IP is no IP. */
const ADDRESS = /^[0-9a-f.:[\]/]+$/i;

/** The label as drawn: each line shortened with an ellipsis to fit its node in this mode; the whole label stays in data(label). */
export function displayLabel(node: Pick<GraphNode, 'kind' | 'label'> & Partial<Pick<GraphNode, 'data'>>, mode: Mode, placed?: Placed): string {
  const t = TYPE[mode];
  const fit = (text: string, width: number, size: number, lines: number) => fitLabel(text, width, size, lines, false, measureAt(size, t.weight));
  switch (node.kind) {
    case 'container':
    case 'task': {
      const [name = '', second = ''] = node.label.split('\n');
      const width = mode === 'presenter' ? PRESENTER_CONTAINER_W - 8 : LABEL_WIDTH.container;
      const shown = fitName(name, width, t.container, measureAt(t.container, t.weight));
      return second ? `${shown}\n${ADDRESS.test(second) ? second : fit(second, width, t.container, 1)}` : shown;
    }
    case 'group': {
      // "38 containers": the count on a line of its own, so it is never the part an ellipsis takes.
      const [count = '', ...words] = node.label.split(' ');
      return `${count}\n${fit(words.join(' '), LABEL_WIDTH.container, t.group, 1)}`;
    }
    case 'port': {
      // In the room a port says its number (on the routing mesh, ":8080 → web": the service it leads to); its colour says who can reach it.
      const mesh = node.label.split('\n')[0]!.includes(' → ');
      const size = mesh ? t.mesh : t.port;
      return mode === 'presenter'
        ? fit(node.label.split('\n')[0]!.replace(/\/tcp(?= → )/, ''), LABEL_WIDTH.port, size, 1)
        : fit(node.label, LABEL_WIDTH.port, size, 2);
    }
    case 'service': {
      // Its name and its replicas; the image and the ports are in its panel (and the ports on the map).
      const [name = '', replicas = ''] = node.label.split('\n');
      const width = mode === 'presenter' ? PRESENTER_CONTAINER_W - 8 : LABEL_WIDTH.container;
      return `${fitName(name, width, t.container, measureAt(t.container, t.weight))}\n${fit(replicas, width, t.container, 1)}`;
    }
    case 'swarm-node': {
      // Its hostname and what it is, by whole words, most pressing first ("DOWN · worker" → "DOWN"); outside the room its address too.
      const [name = '', status = '', address = ''] = node.label.split('\n');
      const measure = measureAt(t.container, t.weight) ?? ((text: string) => textWidth(text, t.container));
      const words = status.split(' · ');
      while (words.length > 1 && measure(words.join(' · ')) > LABEL_WIDTH.swarmNode) words.pop();
      const lines = [fitName(name, LABEL_WIDTH.swarmNode, t.container, measure), fit(words.join(' · '), LABEL_WIDTH.swarmNode, t.container, 1)];
      if (mode === 'normal' && address) lines.push(fit(address, LABEL_WIDTH.swarmNode, t.container, 1));
      return lines.join('\n');
    }
    case 'ports':
      // A collapsed network's host ports: in the room how many ("3 ports"), its colour saying who can reach them.
      return mode === 'presenter'
        ? fit(node.label.split('\n')[0]!.replace(/ published$/, ''), LABEL_WIDTH.port, t.port, 1)
        : fit(node.label, LABEL_WIDTH.port, t.port, 2);
    case 'network': {
      const width = Math.max(120, (placed?.w ?? 240) - 70);
      const [name = '', ...rest] = node.label.split('\n');
      const lines = [fit(name, width, t.network, 1), ...rest.map((line) => (ADDRESS.test(line) ? line : fit(line, width, t.network, 1)))];
      return lines.slice(0, mode === 'presenter' ? 1 : 2).join('\n');
    }
    case 'host': {
      if (mode === 'normal') return fit(node.label, LABEL_WIDTH.host, t.host, 3);
      // In the room: the name and the version, without its build suffix ("20.10.24+dfsg1"), and the swarm only when
      // there is one. Three lines of the room's type are taller than the node (graphStyle sets a smaller size for three).
      const [name = '', version = '', swarm = ''] = node.label.split('\n');
      const lines = [name, version.replace(/\+\S*$/, ''), ...(swarm && swarm !== 'swarm inactive' ? [swarm] : [])];
      const size = lines.length > 2 ? PRESENTER_HOST_3_LINES : t.host;
      return lines.map((line) => fit(line, LABEL_WIDTH.host, size, 1)).join('\n');
    }
    case 'engine': {
      // An engine's heading on the map of every engine, cut to the group's width; one that is not connected holds
      // nothing, and its status and why wrap in its middle (graphStyle), whole.
      if (node.data?.status !== 'connected') return node.label;
      const size = Number(node.data?.fontSize ?? 34);
      const width = Math.max(200, (placed?.w ?? 900) - 60);
      return fitLabel(node.label, width, size, 2, false, measureAt(size, 700));
    }
    default:
      return node.label;
  }
}

export function definition(el: GraphNode | GraphEdge, mode: Mode, placed?: Placed): ElementDefinition {
  if ('source' in el) {
    return {
      group: 'edges',
      data: { ...el.data, id: el.id, kind: el.kind, source: el.source, target: el.target, label: el.label },
      classes: el.classes,
    };
  }
  return {
    group: 'nodes',
    // `box`, not `parent`: a cytoscape compound parent costs a walk of every ancestor on each style change.
    data: { ...el.data, ...sizeOf(placed), id: el.id, kind: el.kind, label: el.label, display: displayLabel(el, mode, placed), box: el.parent ?? '' },
    classes: el.classes,
    // Only a container can be picked up, to drop it onto another network.
    grabbable: el.kind === 'container',
    ...(placed ? { position: { x: placed.x, y: placed.y } } : {}),
  };
}

function sizeOf(placed: Placed | undefined): { w?: number; h?: number } {
  return placed?.w !== undefined && placed.h !== undefined ? { w: placed.w, h: placed.h } : {};
}

/** Moves a drawn node where the arrangement now puts it, and resizes a box. */
export function place(node: NodeSingular, placed: Placed, mode: Mode): void {
  const at = node.position();
  if (at.x !== placed.x || at.y !== placed.y) {
    node.position({ x: placed.x, y: placed.y });
  }
  if (placed.w !== undefined && (node.data('w') !== placed.w || node.data('h') !== placed.h)) {
    node.data({
      w: placed.w,
      h: placed.h,
      display: displayLabel({ kind: String(node.data('kind')), label: String(node.data('label')), data: node.data() } as GraphNode, mode, placed),
    });
  }
}

/** Adds many elements a slice per frame, so no single task blocks the page for long. */
export async function addInSlices(cy: Core, definitions: ElementDefinition[], slice: number, cancelled: () => boolean): Promise<void> {
  for (let i = 0; i < definitions.length; i += slice) {
    if (cancelled()) return;
    cy.add(definitions.slice(i, i + slice));
    settle(cy);
    if (i + slice < definitions.length) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
}

/**
 * Styles what was just added, measures its labels and routes its edges now, in this task, rather than in the next
 * frame's render where the work of every slice would land at once.
 */
function settle(cy: Core): void {
  (cy as unknown as { renderer(): { flushRenderedStyleQueue?: () => void } }).renderer().flushRenderedStyleQueue?.();
}
