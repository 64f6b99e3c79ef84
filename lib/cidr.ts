import ipaddr from 'ipaddr.js';

// CIDR math for the create-network form and the server's checks, on ipaddr.js.

export interface Range {
  cidr: string;
  first: bigint;
  last: bigint;
  version: 4 | 6;
}

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** A CIDR as a numeric range, or an error message a person can act on. */
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
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  const n = toBigInt(address.toByteArray());
  const size = 1n << BigInt(bits - prefix);
  const first = n - (n % size);
  if (first !== n) {
    const network = fromBigInt(first, address.kind() === 'ipv4' ? 4 : 6);
    return { error: `${value} has host bits set: the network address is ${network}/${prefix}.` };
  }
  return { cidr: value, first, last: first + size - 1n, version: address.kind() === 'ipv4' ? 4 : 6 };
}

export function isRange(r: Range | { error: string }): r is Range {
  return !('error' in r);
}

function fromBigInt(n: bigint, version: 4 | 6): string {
  const bytes: number[] = [];
  for (let i = 0; i < (version === 4 ? 4 : 16); i++) {
    bytes.unshift(Number(n & 255n));
    n >>= 8n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

export function overlaps(a: Range, b: Range): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last;
}

/** Whether an address lies inside a range, e.g. a gateway inside its subnet. */
export function contains(range: Range, address: string): boolean {
  try {
    const ip = ipaddr.parse(address.trim());
    if ((ip.kind() === 'ipv4' ? 4 : 6) !== range.version) return false;
    const n = toBigInt(ip.toByteArray());
    return n >= range.first && n <= range.last;
  } catch {
    return false;
  }
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
