import { describe, expect, it } from 'vitest';
import { fitting, fittingAround, keepClearOf } from './viewport';

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
