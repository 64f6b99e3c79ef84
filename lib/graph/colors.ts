import type { Network } from '../topology';

/**
 * Strong hues that carry white text: Tailwind's 600/700 shades, then their
 * 800/900 shades. Yellow and lime are taken darker so their labels stay readable.
 */
const BASE = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#db2777',
  '#4d7c0f',
  '#4f46e5',
  '#b45309',
  '#0f766e',
  '#9333ea',
  '#be123c',
  '#0369a1',
  '#a16207',
  '#15803d',
  '#1e40af',
  '#991b1b',
  '#065f46',
  '#5b21b6',
  '#9a3412',
  '#155e75',
  '#9d174d',
  '#3f6212',
  '#3730a3',
  '#92400e',
  '#115e59',
  '#6b21a8',
  '#881337',
  '#075985',
  '#854d0e',
  '#166534',
];
const BASE_SLOTS = BASE.length;

/** Colour of palette slot n: the curated base, then a golden-angle sequence without end. */
export function paletteColor(slot: number): string {
  if (slot < BASE_SLOTS) return BASE[slot]!;
  return hslToHex((slot * 137.508) % 360, 55 + (slot % 3) * 12, 28 + (slot % 4) * 5);
}

/** Hex, because cytoscape reads neither modern hsl() nor fractional hues. */
function hslToHex(h: number, s: number, l: number): string {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A distinct colour for every network. Each network's slot comes from its id,
 * taken in creation order and moved to the next free slot on a clash, so the
 * same networks always get the same colours, however many there are, and
 * removing a network recolours only networks that had clashed with it.
 */
export function networkColors(networks: readonly Pick<Network, 'id' | 'createdAt'>[]): Map<string, string> {
  const ordered = [...networks].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const n of ordered) {
    let slot = hash(n.id) % BASE_SLOTS;
    while (taken.has(slot)) slot++;
    taken.add(slot);
    colors.set(n.id, paletteColor(slot));
  }
  return colors;
}

/** Driver colours: one each, so a learner tells bridge from overlay at a glance. */
export const DRIVER_COLORS: Record<string, string> = {
  bridge: '#2563eb',
  host: '#dc2626',
  null: '#64748b',
  overlay: '#7c3aed',
  macvlan: '#d97706',
  ipvlan: '#0d9488',
};

export function driverColor(driver: string): string {
  return DRIVER_COLORS[driver] ?? '#475569';
}
