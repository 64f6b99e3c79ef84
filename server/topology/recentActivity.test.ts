import { describe, expect, it } from 'vitest';
import type { Activity } from '../../lib/topology';
import { RecentActivity } from './recentActivity';

const line = (n: number): Activity => ({
  id: `epoch:${n}`,
  time: new Date(Date.UTC(2026, 0, 1, 12, 0, n)).toISOString(),
  type: 'container',
  action: 'start',
  actorId: `c${n}`,
  actorName: `web${n}`,
  text: `web${n} started`,
});

describe('RecentActivity', () => {
  it('is empty before anything happened', () => {
    expect(new RecentActivity(50).newestFirst()).toEqual([]);
  });

  it('gives the lines newest first, as the ticker shows them', () => {
    const recent = new RecentActivity(50);
    for (const n of [1, 2, 3]) recent.add(line(n));
    expect(recent.newestFirst().map((a) => a.text)).toEqual(['web3 started', 'web2 started', 'web1 started']);
  });

  it('keeps only the last `capacity` lines however many events come', () => {
    const recent = new RecentActivity(50);
    for (let n = 1; n <= 1000; n++) recent.add(line(n));
    const kept = recent.newestFirst();
    expect(kept).toHaveLength(50);
    expect(kept[0]!.id).toBe('epoch:1000');
    expect(kept[49]!.id).toBe('epoch:951');
  });

  it('hands out a copy: a viewer changing its list changes nothing for the next viewer', () => {
    const recent = new RecentActivity(2);
    recent.add(line(1));
    recent.newestFirst().pop();
    expect(recent.newestFirst()).toHaveLength(1);
  });
});
