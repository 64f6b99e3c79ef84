'use client';

import { useEffect, useReducer, useRef } from 'react';
import { clearOfOverlays, overlaps, type Region } from './viewport';

export interface Offscreen {
  id: string;
  label: string;
}

interface Props {
  marks: Offscreen[];
  /** Where a node is on the canvas now, in pixels. */
  where: (id: string) => { x: number; y: number } | null;
  size: () => { width: number; height: number };
  /** What covers parts of the canvas (the activity ticker): a mark is never put under it. */
  overlays: () => Region[];
  onGo: (id: string) => void;
}

const EDGE = 28;
/** A mark's box at most (its label is cut at 10rem), with a little air: what must stay clear of the ticker. */
const MARK = { width: 210, height: 36 };
/** The overlays a mark keeps clear of, as overlaysOf in GraphCanvas finds them. */
const OVERLAYS = 'section[aria-label="Activity"], section[aria-label="Current lesson step"]';

/**
 * New things that landed outside the view, or under the activity ticker, each marked by an arrow on the
 * viewport's edge (or the ticker's) pointing at it; a click brings it into view. Nothing moves by itself.
 * The canvas re-renders the marks on every pan, zoom and resize.
 */
export function OffscreenMarks({ marks, where, size, overlays, onGo }: Props) {
  const layer = useRef<HTMLDivElement>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  // The ticker grows from one line to eight when activity comes, after the marks were placed: they move with it.
  useEffect(() => {
    const main = layer.current?.closest('main');
    if (!main || marks.length === 0) return;
    const observer = new ResizeObserver(() => redraw());
    for (const el of main.querySelectorAll(OVERLAYS)) observer.observe(el);
    return () => observer.disconnect();
  }, [marks]);
  if (marks.length === 0) return null;
  const { width, height } = size();
  const covered = overlays();
  const cx = width / 2;
  const cy = height / 2;
  // A mark's box: anchored by its side horizontally (see `anchor` below), centred on its row vertically.
  const boxAt = (p: { x: number; y: number }): Region => ({ x: p.x - MARK.width * share(p.x, width), y: p.y - MARK.height / 2, ...MARK });
  const rows = Math.max(1, Math.floor(height / MARK.height));
  const rowY = (row: number) => (row + 0.5) * (height / rows);
  const taken: Region[] = [];
  const placed = marks.map((m) => {
    const at = where(m.id);
    if (!at) return null;
    const dx = at.x - cx;
    const dy = at.y - cy;
    // The point where the line from the centre to the node leaves the view, pulled in a little.
    const scale = Math.min(Math.abs((cx - EDGE) / (dx || 1e-9)), Math.abs((cy - EDGE) / (dy || 1e-9)));
    // Pulled further in, along the same line, when the ticker lies there: under it the mark would be hidden too.
    const p = clearOfOverlays({ x: cx, y: cy }, { x: cx + dx * Math.min(1, scale), y: cy + dy * Math.min(1, scale) }, covered, boxAt);
    // Marks sit in rows: those for things that landed on the same side stack, one row over the other, towards the
    // middle of the view first, then away from it, clear of the ticker and never off the canvas.
    const row = Math.min(rows - 1, Math.max(0, Math.floor(p.y / (height / rows))));
    const towards = p.y > cy ? -1 : 1;
    const free = (q: { x: number; y: number }) => ![...taken, ...covered].some((t) => overlaps(t, boxAt(q)));
    const found = [towards, -towards]
      .flatMap((direction) => Array.from({ length: rows }, (_, k) => row + direction * k))
      .filter((r) => r >= 0 && r < rows)
      .map((r) => ({ x: p.x, y: rowY(r) }))
      .find(free);
    const spot = found ?? p;
    taken.push(boxAt(spot));
    return { mark: m, ...spot, angle: (Math.atan2(dy, dx) * 180) / Math.PI };
  });
  return (
    <div ref={layer} className="pointer-events-none absolute inset-0" data-testid="offscreen-marks">
      {placed.map((placedMark) => {
        if (!placedMark) return null;
        const { mark: m, x, y, angle } = placedMark;
        // Anchored by the side it is on (at the right edge by its right end, at the left by its left), so a long
        // label stays on screen whole instead of running off the edge as a centred mark did.
        const anchor = `translate(${-100 * share(x, width)}%, -50%)`;
        return (
          <button
            key={m.id}
            type="button"
            data-offscreen={m.id}
            onClick={() => onGo(m.id)}
            className="pointer-events-auto absolute flex items-center gap-1 rounded-full bg-cyan-700 px-2.5 py-1 text-sm font-semibold text-white shadow-lg hover:bg-cyan-800 focus-visible:outline-2 focus-visible:outline-amber-500"
            style={{ left: x, top: y, transform: anchor }}
            aria-label={`New: ${m.label}, outside the view. Show it.`}
          >
            <span aria-hidden style={{ display: 'inline-block', transform: `rotate(${angle}deg)` }}>
              ➜
            </span>
            <span className="max-w-40 truncate">{m.label}</span>
          </button>
        );
      })}
    </div>
  );
}

/** How far along the view a point is, 0 to 1: the share of a mark that lies before its anchor point. */
function share(at: number, length: number): number {
  return Math.min(1, Math.max(0, at / Math.max(1, length)));
}
