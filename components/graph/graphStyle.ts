import type { NodeSingular, StylesheetJson } from 'cytoscape';
import { DRIVER_COLORS } from '../../lib/graph/colors';
import { GROUP_PAD } from '../../lib/graph/engines';
import { CELL_W, CONTAINER_H, CONTAINER_W, DRIVER_SIZE, HOST_H, HOST_W, PORT_H, PORT_W, SWARM_NODE_H, SWARM_NODE_W } from '../../lib/graph/layout';
import { DOWN_BADGE, DRAINED_BADGE, driverIcon, EXPOSED_BADGE, HOST_ICON, PAUSED_BADGE, ROOT_BADGE } from './icons';

export type Theme = 'light' | 'dark';
export type Mode = 'normal' | 'presenter';

/**
 * Type sizes in graph units; on screen they are multiplied by the zoom. The
 * presenter's are set for the back of a room, not scaled from the normal ones.
 */
export const TYPE: Record<
  Mode,
  { container: number; network: number; port: number; mesh: number; edge: number; driver: number; host: number; group: number; weight: number }
> = {
  normal: { container: 21, network: 21, port: 17, mesh: 17, edge: 16, driver: 18, host: 20, group: 24, weight: 600 },
  // The host's two lines (name, "Docker 20.10.24") fit its node whole at 26: at 30 they were cut and, three, spilled.
  // A routing-mesh port names its service too (":8080 → web"): at 24 that fits its tag, still over 14 px in the room.
  presenter: { container: 28, network: 30, port: 28, mesh: 24, edge: 27, driver: 30, host: 26, group: 38, weight: 700 },
};

/** Width a label line may take inside its node. */
export const LABEL_WIDTH = { container: CONTAINER_W - 16, port: PORT_W - 22, host: HOST_W - 70, swarmNode: SWARM_NODE_W - 16 };
/** The room's host type when its label has three lines (a swarm): three lines of 1.1 em within the node's height and border. */
export const PRESENTER_HOST_3_LINES = Math.floor((HOST_H - 8) / (3 * 1.1));
/** In the room a container takes its whole cell, so a full IPv4 address fits at the room's type size. */
export const PRESENTER_CONTAINER_W = CELL_W - 4;

const PALETTE = {
  light: {
    text: '#0f172a',
    muted: '#475569',
    card: '#ffffff',
    canvasEdge: '#64748b',
    scope: '#f1f5f9',
    scopeBorder: '#cbd5e1',
    labelBg: '#ffffff',
    host: '#0f172a',
    hostText: '#f8fafc',
    boxText: '#0f172a',
    glow: '#0891b2',
  },
  dark: {
    text: '#f1f5f9',
    muted: '#cbd5e1',
    card: '#1e293b',
    canvasEdge: '#94a3b8',
    scope: '#0b1220',
    scopeBorder: '#475569',
    labelBg: '#020617',
    host: '#e2e8f0',
    hostText: '#0f172a',
    boxText: '#f8fafc',
    glow: '#22d3ee',
  },
};

/** A container card's size in graph units: in the room it takes its whole cell. */
export const containerSize = (mode: Mode): { w: number; h: number } =>
  mode === 'presenter' ? { w: PRESENTER_CONTAINER_W, h: CONTAINER_H + 16 } : { w: CONTAINER_W, h: CONTAINER_H };
/** A running container's border. */
export const RUNNING = '#10b981';
/** A published port by who can reach it: fill, border, text. */
export const PORT_TONES = {
  exposed: ['#fee2e2', '#dc2626', '#7f1d1d'],
  specific: ['#ffedd5', '#ea580c', '#7c2d12'],
  loopback: ['#dcfce7', '#16a34a', '#14532d'],
} as const;

/** The theme's colours, for what is drawn beside the graph (glow.ts, sketch.ts). */
export const palette = (theme: Theme) => PALETTE[theme];
/** What just changed glows in this colour for a moment (see glow.ts). */
export const glowColour = (theme: Theme): string => PALETTE[theme].glow;

/** Labels drawn smaller than this many pixels on screen are left out; the shape says what the thing is. */
const MIN_READABLE_PX = 7;

/**
 * How the graph looks. Networks are boxes that hold their containers; drawing
 * order is scope, network box, edges, then everything else on top.
 */
export function graphStyle(theme: Theme, mode: Mode = 'normal'): StylesheetJson {
  const c = PALETTE[theme];
  const t = TYPE[mode];
  return [
    {
      selector: 'node',
      style: {
        label: 'data(display)',
        'font-family': 'ui-sans-serif, system-ui, sans-serif',
        'font-size': t.container,
        'font-weight': t.weight,
        color: c.text,
        'text-wrap': 'wrap',
        'text-max-width': '1000px',
        'text-valign': 'center',
        'text-halign': 'center',
        'line-height': 1.1,
        'min-zoomed-font-size': MIN_READABLE_PX,
        'z-index-compare': 'manual',
        'z-index': 30,
      },
    },
    {
      selector: 'node.host',
      style: {
        shape: 'round-rectangle',
        width: HOST_W,
        height: HOST_H,
        'background-color': c.host,
        color: c.hostText,
        'font-size': t.host,
        'text-margin-x': 18,
        'background-image': HOST_ICON(c.hostText),
        'background-width': 30,
        'background-height': 30,
        'background-position-x': 16,
        'background-position-y': '50%',
      },
    },
    ...(mode === 'presenter' ? [{ selector: 'node.host[swarm != "inactive"]', style: { 'font-size': PRESENTER_HOST_3_LINES } }] : []),
    {
      selector: 'node.scope',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': c.scope,
        'background-opacity': 0.8,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': c.scopeBorder,
        'text-valign': 'bottom',
        'text-margin-y': -10,
        'font-size': t.network,
        color: c.muted,
        'z-index': 0,
        events: 'no',
      },
    },
    {
      selector: 'node.driver',
      style: {
        shape: 'hexagon',
        width: DRIVER_SIZE,
        height: DRIVER_SIZE - 6,
        'background-color': c.card,
        'border-width': 3,
        'border-color': 'data(color)',
        'background-width': '60%',
        'background-height': '60%',
        'text-valign': 'bottom',
        'text-margin-y': 6,
        color: c.text,
        'font-size': t.driver,
      },
    },
    ...Object.entries(DRIVER_COLORS).map(([driver, color]) => ({
      selector: `node.driver[driver = "${driver}"]`,
      style: { 'background-image': driverIcon(driver, color) },
    })),
    {
      // The map of every engine: an engine's group holds its picture under a heading (name, version, status in words),
      // sized with the whole map (data fontSize) so it still reads when everything fits one screen.
      selector: 'node.engine',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': c.scope,
        'background-opacity': 0.5,
        'border-width': 4,
        'border-color': c.scopeBorder,
        color: c.text,
        'font-size': 'data(fontSize)',
        'font-weight': 700,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': (n: NodeSingular) => Number(n.data('head')),
        'z-index': 0,
        events: 'no',
      },
    },
    {
      // An engine that is not connected holds nothing: its status and why, wrapped in its middle, say what to do.
      selector: 'node.engine-reconnecting, node.engine-unreachable',
      style: {
        'border-style': 'dashed',
        'border-width': 6,
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-max-width': (n: NodeSingular) => `${Number(n.data('w')) - 2 * GROUP_PAD}px`,
      },
    },
    { selector: 'node.engine-reconnecting', style: { 'border-color': '#d97706' } },
    { selector: 'node.engine-unreachable', style: { 'border-color': '#dc2626' } },
    {
      // A network is a box holding the containers whose home it is; its name and subnet head the box.
      selector: 'node.network',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': 'data(color)',
        'background-opacity': theme === 'dark' ? 0.2 : 0.12,
        'border-width': 3,
        'border-color': 'data(color)',
        color: c.boxText,
        'font-size': t.network,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': mode === 'presenter' ? 60 : 54,
        'text-justification': 'left',
        'background-image': 'none',
        'z-index': 10,
      },
    },
    ...Object.keys(DRIVER_COLORS).map((driver) => ({
      selector: `node.network.driver-${driver}`,
      style: {
        'background-image': driverIcon(driver, theme === 'dark' ? '#f8fafc' : '#0f172a'),
        'background-width': 22,
        'background-height': 22,
        'background-position-x': 12,
        'background-position-y': 12,
      },
    })),
    { selector: 'node.network.predefined', style: { 'border-style': 'double', 'border-width': 5 } },
    { selector: 'node.network.internal', style: { 'border-style': 'dashed' } },
    {
      selector: 'node.container',
      style: {
        shape: 'round-rectangle',
        width: containerSize(mode).w,
        height: containerSize(mode).h,
        'background-color': c.card,
        'border-width': 3,
        'border-color': RUNNING,
        'bounds-expansion': 18,
      },
    },
    { selector: 'node.container.state-paused', style: { 'border-color': '#f59e0b', 'border-style': 'double', 'border-width': 5 } },
    { selector: 'node.container.state-restarting', style: { 'border-color': '#f59e0b', 'border-style': 'dashed' } },
    {
      selector: 'node.container.state-exited, node.container.state-dead',
      style: { 'border-color': '#94a3b8', 'border-style': 'dashed', 'background-opacity': 0.6, color: c.muted },
    },
    { selector: 'node.container.state-created', style: { 'border-color': '#94a3b8', 'border-style': 'dotted', color: c.muted } },
    ...swarmStyles(theme, mode),
    // Security marks sit above the node's top edge, in the gap between rows: they never cover the name.
    ...badgeStyles(),
    {
      selector: 'node.port',
      style: {
        shape: 'round-tag',
        width: PORT_W,
        height: PORT_H,
        'font-size': t.port,
        'border-width': 2,
      },
    },
    ...Object.entries(PORT_TONES).map(([tone, [fill, border, text]]) => ({
      selector: `node.port.${tone}`,
      style: { 'background-color': fill, 'border-color': border, color: text },
    })),
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        width: CONTAINER_W,
        height: CONTAINER_H + 10,
        'background-color': c.card,
        'border-width': 3,
        'border-color': c.canvasEdge,
        'font-size': t.group,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': 'straight',
        'line-color': c.canvasEdge,
        label: 'data(label)',
        'font-size': t.edge,
        'font-family': 'ui-monospace, monospace',
        color: c.text,
        'text-background-color': c.labelBg,
        'text-background-opacity': 0.92,
        'text-background-padding': '3px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': MIN_READABLE_PX,
        'z-index-compare': 'manual',
        'z-index': 20,
      },
    },
    // A container's address on another network sits by the container, clear of the boxes' headings.
    {
      selector: 'edge.attachment',
      style: { width: 3, 'line-color': 'data(color)', label: '', 'target-label': 'data(label)', 'target-text-offset': 64, 'z-index': 5 },
    },
    // Attached but not running: the Engine gives the address when it starts.
    {
      selector: 'edge.attachment.state-exited, edge.attachment.state-created, edge.attachment.no-address',
      style: { 'line-style': 'dashed', opacity: 0.6 },
    },
    // A network's driver heads its lane; the lines to its networks show only when the driver is picked.
    { selector: 'edge.driver-edge', style: { display: 'none', width: 2, 'line-color': 'data(color)', 'line-style': 'dotted' } },
    { selector: 'edge.driver-edge.shown', style: { display: 'element' } },
    {
      selector: 'edge.publish',
      style: { width: 2.5, 'line-style': 'dashed', 'target-arrow-shape': 'triangle', 'arrow-scale': 1.1 },
    },
    { selector: 'edge.publish.exposed', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626' } },
    { selector: 'edge.publish.specific', style: { 'line-color': '#ea580c', 'target-arrow-color': '#ea580c' } },
    { selector: 'edge.publish.loopback', style: { 'line-color': '#16a34a', 'target-arrow-color': '#16a34a' } },
    { selector: 'edge.host-port', style: { width: 1.5, opacity: 0.3, 'curve-style': 'haystack' } },
    { selector: 'node:selected', style: { 'underlay-color': '#f59e0b', 'underlay-opacity': 0.45, 'underlay-padding': 8 } },
    { selector: 'node.focused', style: { 'outline-width': 4, 'outline-color': '#f59e0b', 'outline-offset': 4, 'outline-style': 'solid' } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    { selector: '.match', style: { 'underlay-color': '#f59e0b', 'underlay-opacity': 0.5, 'underlay-padding': 10 } },
    // What the current lesson step is about.
    { selector: 'node.picked', style: { 'outline-width': 6, 'outline-color': '#f59e0b', 'outline-offset': 6, 'outline-style': 'solid' } },
  ];
}

/** Failed tasks: a red that reads on both themes' cards. */
const FAILED = '#dc2626';
/** What no longer answers: a node gone down, and what it ran. */
const DOWN = '#b91c1c';

/**
 * The swarm: a node's card heads its column, an overlay's band spans the columns and is tinted where the network is
 * on a node, a service's card heads its row, a task is a card like a container's. A node that is down, drained or
 * paused says so in words (its status line and a badge), in its border's pattern and in its colour; its tasks and its
 * routing-mesh ports are dashed and faded with it.
 */
function swarmStyles(theme: Theme, mode: Mode): StylesheetJson {
  const c = PALETTE[theme];
  const t = TYPE[mode];
  const card = containerSize(mode);
  const badge = (image: string, w: number) => ({
    'background-image': image,
    'background-width': w,
    'background-height': 16,
    'background-position-x': '100%',
    'background-position-y': '0%',
    'background-offset-x': -6,
    'background-offset-y': -8,
    'background-clip': 'none',
    'background-image-containment': 'over',
  });
  return [
    {
      // Defined cluster-wide: a faint band across every column; the spans tint it where it is on a node.
      selector: 'node.network.band',
      style: { 'background-opacity': theme === 'dark' ? 0.08 : 0.05, 'border-width': 2, 'z-index': 9 },
    },
    { selector: 'node.network.band.internal', style: { 'border-style': 'dashed' } },
    {
      selector: 'node.span',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': 'data(color)',
        'background-opacity': theme === 'dark' ? 0.28 : 0.18,
        'border-width': 0,
        label: '',
        'z-index': 11,
        events: 'no',
      },
    },
    { selector: 'node.span.node-down', style: { 'background-opacity': 0.06, 'border-width': 2, 'border-style': 'dashed', 'border-color': DOWN } },
    {
      selector: 'node.swarm-node',
      style: {
        shape: 'round-rectangle',
        width: SWARM_NODE_W,
        height: SWARM_NODE_H,
        'background-color': c.card,
        'border-width': 3,
        'border-color': c.canvasEdge,
        'font-size': t.container,
      },
    },
    { selector: 'node.swarm-node.manager', style: { 'border-width': 4, 'border-color': c.text } },
    // The node whose Engine Portolan talks to: the local scope is its.
    { selector: 'node.swarm-node.self', style: { 'border-style': 'double', 'border-width': 7 } },
    { selector: 'node.swarm-node.paused', style: { 'border-style': 'dotted', 'border-color': '#b45309', ...badge(PAUSED_BADGE, 56) } },
    {
      selector: 'node.swarm-node.drained',
      style: { 'border-style': 'double', 'border-width': 6, 'border-color': '#b45309', ...badge(DRAINED_BADGE, 60) },
    },
    {
      selector: 'node.swarm-node.down',
      style: { 'border-style': 'dashed', 'border-width': 4, 'border-color': DOWN, 'background-opacity': 0.7, ...badge(DOWN_BADGE, 44) },
    },
    {
      selector: 'node.service',
      style: {
        shape: 'round-rectangle',
        width: card.w,
        height: card.h,
        'background-color': theme === 'dark' ? '#334155' : '#e2e8f0',
        'border-width': 3,
        'border-color': c.text,
        'font-size': t.container,
      },
    },
    { selector: 'node.service.degraded', style: { 'border-color': '#d97706', 'border-style': 'dashed', 'border-width': 4 } },
    {
      selector: 'node.task',
      style: {
        shape: 'round-rectangle',
        width: card.w,
        height: card.h,
        'background-color': c.card,
        'border-width': 3,
        'border-color': RUNNING,
        'font-size': t.container,
      },
    },
    { selector: 'node.task.state-starting', style: { 'border-color': '#f59e0b', 'border-style': 'dashed' } },
    { selector: 'node.task.state-failed', style: { 'border-color': FAILED, 'border-style': 'dotted', 'border-width': 4 } },
    { selector: 'node.task.state-stopped, node.task.stopping', style: { 'border-color': '#94a3b8', 'border-style': 'dashed', color: c.muted } },
    {
      selector: 'node.task.node-down',
      style: { 'border-color': DOWN, 'border-style': 'dashed', 'background-opacity': 0.6, color: c.muted, ...badge(DOWN_BADGE, 44) },
    },
    { selector: 'node.port.mesh', style: { 'font-size': t.mesh } },
    { selector: 'node.port.node-down', style: { 'border-style': 'dashed', opacity: 0.55 } },
    { selector: 'edge.task-attachment.node-down', style: { 'line-style': 'dashed', opacity: 0.5 } },
  ] as StylesheetJson;
}

function badgeStyles(): StylesheetJson {
  const root = { image: ROOT_BADGE, w: 40, x: '100%', dx: -6 };
  const exposed = { image: EXPOSED_BADGE, w: 56, x: '0%', dx: 6 };
  const badge = (...bs: (typeof root)[]) => ({
    'background-image': bs.map((b) => b.image),
    'background-width': bs.map((b) => b.w),
    'background-height': bs.map(() => 16),
    'background-position-x': bs.map((b) => b.x),
    'background-position-y': bs.map(() => '0%'),
    'background-offset-x': bs.map((b) => b.dx),
    'background-offset-y': bs.map(() => -8),
    'background-clip': bs.map(() => 'none'),
    'background-image-containment': bs.map(() => 'over'),
  });
  return [
    { selector: 'node.container.root', style: badge(root) },
    { selector: 'node.container.exposed', style: badge(exposed) },
    { selector: 'node.container.root.exposed', style: badge(root, exposed) },
    // A count whose containers publish on all interfaces says so as they would, above its top edge.
    { selector: 'node.group.exposed', style: badge(exposed) },
  ] as StylesheetJson;
}
