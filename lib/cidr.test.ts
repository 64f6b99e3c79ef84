import { describe, expect, it } from 'vitest';
import { contains, freeSubnet, isRange, overlapping, parseCidr } from './cidr';

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 networks', () => {
    expect(parseCidr('172.20.0.0/16')).toMatchObject({ version: 4 });
    expect(parseCidr('fd00:1::/64')).toMatchObject({ version: 6 });
  });

  it('says what to fix when the text is not a network', () => {
    expect(parseCidr('172.20.0.0')).toEqual({ error: '"172.20.0.0" has no prefix length: write it like 172.20.0.0/16.' });
    expect(parseCidr('300.1.0.0/16')).toEqual({ error: '"300.1.0.0/16" is not a valid CIDR: write it like 172.20.0.0/16 or fd00:1::/64.' });
    expect(parseCidr('172.20.5.0/16')).toEqual({ error: '172.20.5.0/16 has host bits set: the network address is 172.20.0.0/16.' });
  });
});

describe('overlaps and containment', () => {
  const existing = [
    { name: 'bridge', subnet: '172.17.0.0/16' },
    { name: 'demo', subnet: '10.0.5.0/24' },
  ];

  it('names the networks a subnet would collide with', () => {
    expect(overlapping('172.17.3.0/24', existing)).toEqual([existing[0]]);
    expect(overlapping('10.0.0.0/8', existing)).toEqual([existing[1]]);
    expect(overlapping('10.0.6.0/24', existing)).toEqual([]);
    expect(overlapping('fd00::/64', existing)).toEqual([]);
  });

  it('tells whether a gateway lies inside its subnet', () => {
    const range = parseCidr('10.0.5.0/24');
    if (!isRange(range)) throw new Error('expected a range');
    expect(contains(range, '10.0.5.1')).toBe(true);
    expect(contains(range, '10.0.6.1')).toBe(false);
    expect(contains(range, 'fd00::1')).toBe(false);
    expect(contains(range, 'nonsense')).toBe(false);
  });
});

describe('freeSubnet', () => {
  it('proposes the first /24 that overlaps nothing', () => {
    expect(freeSubnet(['172.17.0.0/16'])).toEqual({ subnet: '172.18.0.0/24', gateway: '172.18.0.1' });
    expect(freeSubnet(['172.17.0.0/16', '172.18.0.0/16', '172.19.0.0/24'])).toEqual({ subnet: '172.19.1.0/24', gateway: '172.19.1.1' });
  });

  it('moves on to 192.168 when 172.16/12 is taken, and gives up when everything is', () => {
    expect(freeSubnet(['172.16.0.0/12'])).toEqual({ subnet: '192.168.0.0/24', gateway: '192.168.0.1' });
    expect(freeSubnet(['172.16.0.0/12', '192.168.0.0/16'])).toBeNull();
  });
});
