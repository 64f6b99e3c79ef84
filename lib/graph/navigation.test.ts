import { describe, expect, it } from 'vitest';
import { neighbourTowards } from './navigation';

const c = (id: string, x: number, y: number) => ({ id, at: { x, y } });
const origin = { x: 0, y: 0 };

describe('neighbourTowards', () => {
  const around = [c('right', 100, 0), c('far-right', 300, 0), c('left', -100, 0), c('up', 0, -100), c('down', 0, 100)];

  it('picks the nearest node in each direction', () => {
    expect(neighbourTowards(origin, 'right', around)).toBe('right');
    expect(neighbourTowards(origin, 'left', around)).toBe('left');
    expect(neighbourTowards(origin, 'up', around)).toBe('up');
    expect(neighbourTowards(origin, 'down', around)).toBe('down');
  });

  it('is null when nothing lies that way', () => {
    expect(neighbourTowards(origin, 'left', [c('a', 100, 0), c('b', 0, 100)])).toBeNull();
    expect(neighbourTowards(origin, 'up', [])).toBeNull();
  });

  it('ignores what is behind, and what lies too far to the side', () => {
    expect(neighbourTowards(origin, 'right', [c('behind', -10, 0), c('ahead', 500, 0)])).toBe('ahead');
    expect(neighbourTowards(origin, 'right', [c('steep', 10, 100)])).toBeNull();
    expect(neighbourTowards(origin, 'right', [c('same-place', 0, 0)])).toBeNull();
  });

  it('prefers a node straight ahead over one as near but off to the side', () => {
    expect(neighbourTowards(origin, 'down', [c('aside', 80, 120), c('ahead', 0, 150)])).toBe('ahead');
  });

  it('breaks ties by id, so the answer never depends on the order of candidates', () => {
    const tie = [c('b', 100, 10), c('a', 100, -10)];
    expect(neighbourTowards(origin, 'right', tie)).toBe('a');
    expect(neighbourTowards(origin, 'right', [...tie].reverse())).toBe('a');
  });
});
