import ipaddr from 'ipaddr.js';

// CIDR math for the create-network form and the server's checks, on ipaddr.js.

export interface Range {
  cidr: string;
  /** The network address: the first of the range. */
  network: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
  version: 4 | 6;
}

/** A CIDR as a network and its prefix length, or an error message a person can act on. */
export function parseCidr(text: string): Range | { error: string } {
  const value = text.trim();
  if (!value.includes('/')) return { error: `"${value}" has no prefix length: write it like 172.20.0.0/16.` };
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(value);
  } catch {
    return { error: `"${value}" is not a valid CIDR: write it like 172.20.0.0/16 or fd00:1::/64.` };
  }
  const [address, prefix] = parsed;
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toString() !== address.toString())
    return { error: `${value} has host bits set: the network address is ${network.toString()}/${prefix}.` };
  return { cidr: value, network, prefix, version: address.kind() === 'ipv4' ? 4 : 6 };
}

export function isRange(r: Range | { error: string }): r is Range {
  return !('error' in r);
}

/** Two CIDR ranges are either nested or apart: they overlap when either holds the other's first address. */
export function overlaps(a: Range, b: Range): boolean {
  return a.version === b.version && (a.network.match(b.network, b.prefix) || b.network.match(a.network, a.prefix));
}

/** Whether `inner` lies wholly inside `outer`, e.g. an IP range inside its subnet. */
export function within(inner: Range, outer: Range): boolean {
  return inner.version === outer.version && inner.prefix >= outer.prefix && inner.network.match(outer.network, outer.prefix);
}

/** Whether an address lies inside a range, e.g. a gateway inside its subnet. */
export function contains(range: Range, address: string): boolean {
  try {
    const ip = ipaddr.parse(address.trim());
    return ip.kind() === range.network.kind() && ip.match(range.network, range.prefix);
  } catch {
    return false;
  }
}

/**
 * The first usable address of an IPv4 subnet, Docker's own choice of gateway; empty for IPv6, for text that is
 * no subnet, and for a /31 or /32, which have no address to spare. The network address of a /30 or larger ends
 * in a 0 bit, so the next address is its last byte plus one (ipaddr.js has no address arithmetic).
 */
export function firstHost(subnet: string): string {
  const range = parseCidr(subnet);
  if (!isRange(range) || range.version !== 4 || range.prefix > 30) return '';
  const bytes = range.network.toByteArray();
  bytes[3]! += 1;
  return ipaddr.fromByteArray(bytes).toString();
}

/** The existing subnets a proposed one would collide with. */
export function overlapping(subnet: string, existing: readonly { name: string; subnet: string }[]): { name: string; subnet: string }[] {
  const range = parseCidr(subnet);
  if (!isRange(range)) return [];
  return existing.filter((e) => {
    const other = parseCidr(e.subnet);
    return isRange(other) && overlaps(range, other);
  });
}

/**
 * A /24 that overlaps none of the given subnets, from the private ranges
 * Docker itself draws from (172.17–31, then 192.168), for the form to propose.
 */
export function freeSubnet(taken: readonly string[]): { subnet: string; gateway: string } | null {
  const used = taken.map(parseCidr).filter(isRange);
  const candidates = function* () {
    for (let b = 18; b <= 31; b++) for (let c = 0; c < 256; c++) yield [172, b, c];
    for (let c = 0; c < 256; c++) yield [192, 168, c];
  };
  for (const [a, b, c] of candidates()) {
    const subnet = `${a}.${b}.${c}.0/24`;
    const range = parseCidr(subnet) as Range;
    if (!used.some((u) => overlaps(range, u))) return { subnet, gateway: `${a}.${b}.${c}.1` };
  }
  return null;
}
