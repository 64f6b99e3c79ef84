'use client';

export interface Offscreen {
  id: string;
  label: string;
}

interface Props {
  marks: Offscreen[];
  /** Where a node is on the canvas now, in pixels. */
  where: (id: string) => { x: number; y: number } | null;
  size: () => { width: number; height: number };
  onGo: (id: string) => void;
}

const EDGE = 28;

/**
 * New things that landed outside the view, each marked by an arrow on the
 * viewport's edge pointing at it; a click brings it into view. Nothing moves by itself.
 * The canvas re-renders the marks on every pan, zoom and resize.
 */
export function OffscreenMarks({ marks, where, size, onGo }: Props) {
  if (marks.length === 0) return null;
  const { width, height } = size();
  return (
    <div className="pointer-events-none absolute inset-0" data-testid="offscreen-marks">
      {marks.map((m) => {
        const at = where(m.id);
        if (!at) return null;
        const cx = width / 2;
        const cy = height / 2;
        const dx = at.x - cx;
        const dy = at.y - cy;
        // The point where the line from the centre to the node leaves the view, pulled in a little.
        const scale = Math.min(Math.abs((cx - EDGE) / (dx || 1e-9)), Math.abs((cy - EDGE) / (dy || 1e-9)));
        const x = cx + dx * Math.min(1, scale);
        const y = cy + dy * Math.min(1, scale);
        const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
        return (
          <button
            key={m.id}
            type="button"
            data-offscreen={m.id}
            onClick={() => onGo(m.id)}
            className="pointer-events-auto absolute flex -translate-x-1/2 -translate-y-1/2 items-center gap-1 rounded-full bg-cyan-700 px-2.5 py-1 text-sm font-semibold text-white shadow-lg hover:bg-cyan-800 focus-visible:outline-2 focus-visible:outline-amber-500"
            style={{ left: x, top: y }}
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
