import { describe, expect, it } from 'vitest';
import { clearOfOverlays, fitting, fittingAround, keepClearOf, underOverlay } from './viewport';

const VIEW = { x: 0, y: 0, width: 1000, height: 600 };
const BOUNDS = { x1: 0, y1: 0, x2: 1000, y2: 600 };
/** The ticker: a row at the bottom left. */
const TICKER = { x: 16, y: 550, width: 400, height: 34 };

describe('fittingAround', () => {
  it('fits beside or above an overlay that would cover something', () => {
    const clear = [{ x1: 0, y1: 560, x2: 100, y2: 600 }];
    const f = fittingAround(BOUNDS, VIEW, [TICKER], 20, 2, clear);
    expect(f.zoom).toBeLessThan(fitting(BOUNDS, 1000, 600, 20, 2).zoom);
  });

  it('keeps the whole view when the overlay lies over empty ground only', () => {
    const clear = [{ x1: 600, y1: 500, x2: 700, y2: 600 }];
    expect(fittingAround(BOUNDS, VIEW, [TICKER], 20, 2, clear)).toEqual(fitting(BOUNDS, 1000, 600, 20, 2));
  });
});

describe('keepClearOf', () => {
  it('keeps a network heading clear but not the body of its box, and no scope', () => {
    const clear = keepClearOf(
      new Map([
        ['net:a', { x: 500, y: 300, w: 400, h: 200 }],
        ['scope:local', { x: 500, y: 300, w: 1000, h: 600 }],
        ['ctr:1', { x: 500, y: 350 }],
      ]),
    );
    expect(clear).toHaveLength(2);
    expect(clear[0]).toEqual({ x1: 300, y1: 200, x2: 700, y2: 258 });
    expect(clear[1]!.x1).toBeLessThan(500);
    expect(clear[1]!.x2).toBeGreaterThan(500);
  });
});

describe('underOverlay', () => {
  it('is true inside an overlay and within its margin, false beyond', () => {
    expect(underOverlay({ x: 100, y: 560 }, [TICKER])).toBe(true);
    expect(underOverlay({ x: 100, y: 540 }, [TICKER])).toBe(false);
    expect(underOverlay({ x: 100, y: 540 }, [TICKER], 12)).toBe(true);
    expect(underOverlay({ x: 100, y: 560 }, [{ ...TICKER, height: 0 }])).toBe(false);
  });
});

describe('clearOfOverlays', () => {
  const centre = { x: 500, y: 300 };
  const box = (p: { x: number; y: number }) => ({ x: p.x - 50, y: p.y - 10, width: 100, height: 20 });

  it('keeps a mark where it is when nothing covers it', () => {
    expect(clearOfOverlays(centre, { x: 900, y: 560 }, [TICKER], box)).toEqual({ x: 900, y: 560 });
  });

  it('pulls a mark the ticker would hide back towards the centre, on the same line, until its whole box is clear', () => {
    const p = clearOfOverlays(centre, { x: 100, y: 570 }, [TICKER], box);
    expect(p.y + 10).toBeLessThanOrEqual(TICKER.y);
    // Still on the line from the centre to where it pointed.
    expect((p.y - centre.y) / (p.x - centre.x)).toBeCloseTo((570 - 300) / (100 - 500), 5);
  });

  it('falls back to the centre when every point on the way is covered', () => {
    expect(clearOfOverlays(centre, { x: 100, y: 570 }, [VIEW], box)).toEqual(centre);
  });
});
