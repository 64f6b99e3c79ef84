import { describe, expect, it } from 'vitest';
import { contains, firstHost, freeSubnet, isRange, overlapping, parseCidr, within, type Range } from './cidr';

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

const range = (cidr: string) => parseCidr(cidr) as Range;

describe('IPv6 and the edges of a range', () => {
  it('names the network address of an IPv6 CIDR with host bits set', () => {
    expect(parseCidr('fd00:1::5/64')).toEqual({ error: 'fd00:1::5/64 has host bits set: the network address is fd00:1::/64.' });
  });

  it('counts the first and the last address of a range as inside it, and the next one as outside', () => {
    expect(contains(range('10.0.5.0/24'), '10.0.5.0')).toBe(true);
    expect(contains(range('10.0.5.0/24'), '10.0.5.255')).toBe(true);
    expect(contains(range('10.0.5.0/24'), '10.0.6.0')).toBe(false);
    expect(contains(range('fd00:1::/64'), 'fd00:1::ffff:ffff:ffff:ffff')).toBe(true);
    expect(contains(range('fd00:1::/64'), 'fd00:2::')).toBe(false);
    expect(contains(range('fd00:1::/64'), '10.0.5.1')).toBe(false);
  });

  it('tells overlapping IPv6 networks, and never an IPv4 one, apart', () => {
    const existing = [{ name: 'v6', subnet: 'fd00:1::/64' }];
    expect(overlapping('fd00::/16', existing)).toEqual(existing);
    expect(overlapping('fd00::/48', existing)).toEqual([]);
    expect(overlapping('fd00:1::/80', existing)).toEqual(existing);
    expect(overlapping('fd00:2::/64', existing)).toEqual([]);
    expect(overlapping('0.0.0.0/0', existing)).toEqual([]);
  });

  it('says an IP range is within its subnet only when all of it is', () => {
    expect(within(range('10.0.5.128/25'), range('10.0.5.0/24'))).toBe(true);
    expect(within(range('10.0.5.0/24'), range('10.0.5.0/24'))).toBe(true);
    expect(within(range('10.0.4.0/23'), range('10.0.5.0/24'))).toBe(false);
    expect(within(range('10.0.6.0/25'), range('10.0.5.0/24'))).toBe(false);
    expect(within(range('fd00:1::/80'), range('fd00:1::/64'))).toBe(true);
    expect(within(range('fd00:1::/80'), range('10.0.0.0/8'))).toBe(false);
  });
});

describe('firstHost', () => {
  it('gives the address after the network address, as Docker picks its gateway', () => {
    expect(firstHost('172.20.0.0/16')).toBe('172.20.0.1');
    expect(firstHost('10.0.5.0/24')).toBe('10.0.5.1');
    expect(firstHost('192.168.7.4/30')).toBe('192.168.7.5');
  });

  it('gives nothing for a /31, a /32, IPv6, or text that is no subnet', () => {
    expect(firstHost('10.0.0.0/31')).toBe('');
    expect(firstHost('10.0.0.1/32')).toBe('');
    expect(firstHost('fd00:1::/64')).toBe('');
    expect(firstHost('10.0.5.7/24')).toBe('');
    expect(firstHost('')).toBe('');
  });
});
