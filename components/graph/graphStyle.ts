import type { StylesheetJson } from 'cytoscape';
import { DRIVER_COLORS } from '../../lib/graph/colors';
import { driverIcon, EXPOSED_BADGE, HOST_ICON, ROOT_BADGE } from './icons';

export type Theme = 'light' | 'dark';

const PALETTE = {
  light: {
    text: '#0f172a',
    muted: '#475569',
    card: '#ffffff',
    canvasEdge: '#94a3b8',
    scope: '#f1f5f9',
    scopeBorder: '#cbd5e1',
    labelBg: '#ffffff',
    host: '#0f172a',
    hostText: '#f8fafc',
  },
  dark: {
    text: '#e2e8f0',
    muted: '#94a3b8',
    card: '#1e293b',
    canvasEdge: '#64748b',
    scope: '#0f172a',
    scopeBorder: '#334155',
    labelBg: '#020617',
    host: '#e2e8f0',
    hostText: '#0f172a',
  },
};

/**
 * How the graph looks. `scale` enlarges the type for presenter screens (node
 * sizes stay, as the layout spaces them);
 * labels vanish below a readable size when zoomed out, so big graphs stay calm.
 */
export function graphStyle(theme: Theme, scale = 1): StylesheetJson {
  const c = PALETTE[theme];
  const px = (n: number) => Math.round(n * scale);
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': 'ui-sans-serif, system-ui, sans-serif',
        'font-size': px(12),
        color: c.text,
        'text-wrap': 'wrap',
        // Docker names have no spaces: break them anywhere rather than spill out of the node.
        'text-overflow-wrap': 'anywhere',
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': 6,
      },
    },
    {
      selector: 'node.host',
      style: {
        shape: 'round-rectangle',
        width: 300,
        height: 80,
        'background-color': c.host,
        color: c.hostText,
        'font-size': px(14),
        'font-weight': 'bold',
        'text-max-width': '270px',
        'text-overflow-wrap': 'whitespace',
        'background-image': HOST_ICON(c.hostText),
        'background-width': 26,
        'background-height': 26,
        'background-position-x': 14,
        'background-position-y': '50%',
        'text-margin-x': 14,
      },
    },
    {
      selector: 'node.scope',
      style: {
        shape: 'round-rectangle',
        'background-color': c.scope,
        'background-opacity': 0.7,
        'border-width': 1.5,
        'border-style': 'dashed',
        'border-color': c.scopeBorder,
        padding: '28px',
        label: 'data(label)',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'font-size': px(13),
        'font-weight': 'bold',
        color: c.muted,
        'text-margin-y': px(8),
      },
    },
    {
      selector: 'node.driver',
      style: {
        shape: 'hexagon',
        width: 58,
        height: 52,
        'background-color': c.card,
        'border-width': 3,
        'border-color': 'data(color)',
        'background-width': '60%',
        'background-height': '60%',
        'text-valign': 'bottom',
        'text-margin-y': px(6),
        'font-weight': 'bold',
        color: 'data(color)',
        'font-size': px(13),
      },
    },
    ...Object.entries(DRIVER_COLORS).map(([driver, color]) => ({
      selector: `node.driver[driver = "${driver}"]`,
      style: { 'background-image': driverIcon(driver, color) },
    })),
    {
      selector: 'node.network',
      style: {
        shape: 'round-rectangle',
        width: 176,
        height: 62,
        'background-color': 'data(color)',
        color: '#ffffff',
        'font-size': px(14),
        'font-weight': 'bold',
        'text-max-width': '140px',
        'text-margin-x': 12,
        'background-width': 20,
        'background-height': 20,
        'background-position-x': 10,
        'background-position-y': '50%',
        'border-width': 0,
      },
    },
    ...Object.keys(DRIVER_COLORS).map((driver) => ({
      selector: `node.network.driver-${driver}`,
      style: { 'background-image': driverIcon(driver, '#ffffff') },
    })),
    { selector: 'node.network.predefined', style: { 'border-width': 3, 'border-style': 'double', 'border-color': c.text } },
    { selector: 'node.network.internal', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#f59e0b' } },
    {
      selector: 'node.container',
      style: {
        shape: 'round-rectangle',
        width: 166,
        height: 56,
        'background-color': c.card,
        'border-width': 3,
        'border-color': '#10b981',
        'text-max-width': '152px',
        'font-size': px(13),
      },
    },
    { selector: 'node.container.state-paused', style: { 'border-color': '#f59e0b', 'border-style': 'double', 'border-width': 5 } },
    { selector: 'node.container.state-restarting', style: { 'border-color': '#f59e0b', 'border-style': 'dashed' } },
    {
      selector: 'node.container.state-exited, node.container.state-dead',
      style: { 'border-color': '#94a3b8', 'border-style': 'dashed', opacity: 0.7 },
    },
    { selector: 'node.container.state-created', style: { 'border-color': '#cbd5e1', 'border-style': 'dotted', opacity: 0.8 } },
    // Security marks as badges on the node's top edge: ROOT on the right, EXPOSED on the left.
    {
      selector: 'node.container.root',
      style: {
        'background-image': ROOT_BADGE,
        'background-width': 36,
        'background-height': 14,
        'background-position-x': '100%',
        'background-position-y': '0%',
        'background-offset-x': -4,
        'background-offset-y': 4,
        'background-clip': 'none',
      },
    },
    {
      selector: 'node.container.exposed',
      style: {
        'background-image': EXPOSED_BADGE,
        'background-width': 50,
        'background-height': 14,
        'background-position-x': '0%',
        'background-position-y': '0%',
        'background-offset-x': 4,
        'background-offset-y': 4,
        'background-clip': 'none',
      },
    },
    {
      selector: 'node.container.root.exposed',
      style: {
        'background-image': [ROOT_BADGE, EXPOSED_BADGE],
        'background-width': [36, 50],
        'background-height': [14, 14],
        'background-position-x': ['100%', '0%'],
        'background-position-y': ['0%', '0%'],
        'background-offset-x': [-4, 4],
        'background-offset-y': [4, 4],
        'background-clip': ['none', 'none'],
      },
    },
    {
      selector: 'node.port',
      style: {
        shape: 'round-tag',
        width: 172,
        height: 30,
        'font-size': px(11),
        'font-family': 'ui-monospace, monospace',
        'border-width': 2,
      },
    },
    { selector: 'node.port.exposed', style: { 'background-color': '#fee2e2', 'border-color': '#dc2626', color: '#991b1b' } },
    { selector: 'node.port.specific', style: { 'background-color': '#ffedd5', 'border-color': '#ea580c', color: '#9a3412' } },
    { selector: 'node.port.loopback', style: { 'background-color': '#dcfce7', 'border-color': '#16a34a', color: '#14532d' } },
    {
      selector: 'node.group',
      style: {
        shape: 'ellipse',
        width: 120,
        height: 54,
        'background-color': c.card,
        'border-width': 2,
        'border-color': c.canvasEdge,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': 'bezier',
        'line-color': c.canvasEdge,
        label: 'data(label)',
        'font-size': px(11),
        'font-family': 'ui-monospace, monospace',
        color: c.text,
        'text-background-color': c.labelBg,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'edge.attachment', style: { width: 3, 'line-color': 'data(color)' } },
    { selector: 'edge.attachment.state-exited, edge.attachment.state-created', style: { 'line-style': 'dashed', opacity: 0.6 } },
    { selector: 'edge.driver-edge', style: { width: 2, 'line-color': 'data(color)', 'line-style': 'dotted', opacity: 0.7 } },
    {
      selector: 'edge.publish',
      style: { width: 2.5, 'line-style': 'dashed', 'target-arrow-shape': 'triangle', 'arrow-scale': 1.1 },
    },
    { selector: 'edge.publish.exposed', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626' } },
    { selector: 'edge.publish.specific', style: { 'line-color': '#ea580c', 'target-arrow-color': '#ea580c' } },
    { selector: 'edge.publish.loopback', style: { 'line-color': '#16a34a', 'target-arrow-color': '#16a34a' } },
    { selector: 'edge.host-port', style: { width: 1.5, opacity: 0.35 } },
    { selector: 'node:selected', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.25, 'overlay-padding': 8 } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    { selector: '.match', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.35, 'overlay-padding': 10 } },
    { selector: '.flash', style: { 'overlay-color': '#22d3ee', 'overlay-opacity': 0.45, 'overlay-padding': 14 } },
  ];
}
