import type { Point } from './layout';

export type Direction = 'left' | 'right' | 'up' | 'down';

const AXIS: Record<Direction, Point> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, up: { x: 0, y: -1 }, down: { x: 0, y: 1 } };

/**
 * The node an arrow key moves to: the nearest one lying in that direction
 * (within 60° of it), nearer along the arrow counting more than off to the side.
 * Null when nothing lies that way.
 */
export function neighbourTowards(from: Point, direction: Direction, candidates: readonly { id: string; at: Point }[]): string | null {
  const axis = AXIS[direction];
  let best: { id: string; score: number } | null = null;
  for (const c of candidates) {
    const dx = c.at.x - from.x;
    const dy = c.at.y - from.y;
    const along = dx * axis.x + dy * axis.y;
    const aside = Math.abs(dx * axis.y - dy * axis.x);
    if (along <= 0 || aside > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * aside;
    if (!best || score < best.score || (score === best.score && c.id < best.id)) best = { id: c.id, score };
  }
  return best?.id ?? null;
}
