/**
 * A step's done condition: a declaration over the live picture (and over what
 * the Engine saw run inside containers), never code. Evaluated on every
 * revision, so a step ticks whether it was done in Portolan or in a terminal.
 */
import { z } from 'zod';
import { containerNodeId, networkNodeId, portNodeId } from '../graph/ids';
import type { Container, Network, Topology } from '../topology';

const PREDEFINED = new Set(['bridge', 'host', 'none']);

const networkCondition = z.strictObject({
  name: z.string().min(1).optional(),
  driver: z.string().min(1).optional(),
  /** Made by a person, not one of Docker's own (bridge, host, none). */
  userDefined: z.boolean().optional(),
  internal: z.boolean().optional(),
  /** `true`: it has a subnet; a CIDR: exactly that subnet. */
  subnet: z.union([z.boolean(), z.string().min(1)]).optional(),
  /** It has a gateway address (from its IPAM or, where the Engine leaves it out there, from its endpoints). */
  gateway: z.boolean().optional(),
  /** At least this many running containers attached. */
  containers: z.int().min(0).optional(),
});

const publishes = z.strictObject({
  host: z.int().min(1).max(65535).optional(),
  container: z.int().min(1).max(65535).optional(),
});

const containerCondition = z.strictObject({
  name: z.string().min(1).optional(),
  /** The image's name, as given or as a prefix ending in `:` or `/` ("busybox:", "127.0.0.1:5000/"). */
  image: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  /** Attached to the network of this name. */
  network: z.string().min(1).optional(),
  /** Attached to at least one network a person made. */
  userNetwork: z.boolean().optional(),
  /** Runs as root (`user` empty, `root`, `0` or `0:…`). */
  root: z.boolean().optional(),
  publishes: publishes.optional(),
});

const imageCondition = z.strictObject({
  /** A repository name or tag, as the container's `image` would say it; a prefix when it ends in `:` or `/`. */
  name: z.string().min(1).optional(),
  present: z.boolean().default(true),
  /** No larger than this many megabytes (10⁶ bytes, as `docker images` counts them). */
  maxMB: z.number().positive().optional(),
  /** Pushed to or pulled from this registry (`127.0.0.1:5000`): its digest there is known locally. */
  registry: z.string().min(1).optional(),
});

const execCondition = z.strictObject({
  /** The program run, e.g. `ping`. */
  command: z.string().min(1),
  /** How the target was named: an address or a name. */
  by: z.enum(['ip', 'name']).optional(),
  /** Exit code 0 (`true`) or not (`false`). */
  succeeded: z.boolean().optional(),
  /** The container it ran in: on the network of this name, or on one a person made ("user-defined"). */
  network: z.string().min(1).optional(),
});

export type NetworkCondition = z.infer<typeof networkCondition>;
export type ContainerCondition = z.infer<typeof containerCondition>;
export type ImageCondition = z.infer<typeof imageCondition>;
export type ExecCondition = z.infer<typeof execCondition>;

export type Condition =
  | { network: NetworkCondition }
  | { container: ContainerCondition }
  | { image: ImageCondition }
  | { exec: ExecCondition }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ network: networkCondition }),
    z.strictObject({ container: containerCondition }),
    z.strictObject({ image: imageCondition }),
    z.strictObject({ exec: execCondition }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** A command the Engine saw run inside a container (`docker exec`, or Portolan's probe). */
export interface ExecSeen {
  containerId: string;
  /** The command line as the Engine reports it in `exec_start: …`. */
  command: string;
  /** Unknown until the exec ends. */
  exitCode?: number;
  time: string;
}

export interface ImageSeen {
  /** `repo:tag`, one per tag. */
  name: string;
  size: number;
  /** The registries its digests name (where it was pushed to or pulled from). */
  registries?: readonly string[];
}

export interface World {
  topology: Topology;
  /** Local images by tag; absent when not known. */
  images?: readonly ImageSeen[];
  execs?: readonly ExecSeen[];
}

export interface Evaluation {
  met: boolean;
  /** Graph ids of what made it true (or, when false, of what it speaks about): the map picks them out. */
  about: string[];
}

/** Whether the condition holds in this picture, and which elements it is about. */
export function evaluate(condition: Condition, world: World): Evaluation {
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluate(c, world));
    return { met: parts.every((p) => p.met), about: unique(parts.flatMap((p) => p.about)) };
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluate(c, world));
    const met = parts.filter((p) => p.met);
    return { met: met.length > 0, about: unique((met.length ? met : parts).flatMap((p) => p.about)) };
  }
  if ('not' in condition) {
    const inner = evaluate(condition.not, world);
    return { met: !inner.met, about: inner.about };
  }
  if ('network' in condition) {
    const found = world.topology.networks.filter((n) => networkMatches(n, condition.network, world.topology));
    return { met: found.length > 0, about: found.map((n) => networkNodeId(n.id)) };
  }
  if ('container' in condition) {
    const c = condition.container;
    const found = world.topology.containers.filter((x) => containerMatches(x, c, world.topology));
    const ports = c.publishes ? found.flatMap((x) => x.ports.filter((p) => portMatches(p, c.publishes!)).map((p) => portNodeId(p))) : [];
    // Not there yet: the network it should land on is what to look at.
    if (found.length === 0) return { met: false, about: networksNamed(world.topology, c.network) };
    return { met: true, about: unique([...found.map((x) => containerNodeId(x.id)), ...ports]) };
  }
  if ('image' in condition) {
    const { name, present, maxMB, registry } = condition.image;
    const has = (world.images ?? []).some(
      (i) =>
        (name === undefined || imageMatches(i.name, name)) &&
        (maxMB === undefined || i.size <= maxMB * 1e6) &&
        (registry === undefined || (i.registries ?? []).includes(registry)),
    );
    return { met: has === present, about: [] };
  }
  const e = condition.exec;
  const found = (world.execs ?? []).filter((x) => execMatches(x, e, world.topology));
  if (found.length === 0) return { met: false, about: networksNamed(world.topology, e.network) };
  return { met: true, about: unique(found.map((x) => containerNodeId(x.containerId))) };
}

/** The boxes a condition names: one network by name, or every network a person made ("user-defined"). */
function networksNamed(t: Topology, name: string | undefined): string[] {
  if (name === undefined) return [];
  return t.networks.filter((n) => (name === 'user-defined' ? userDefined(n) : n.name === name)).map((n) => networkNodeId(n.id));
}

function networkMatches(n: Network, c: NetworkCondition, t: Topology): boolean {
  if (c.name !== undefined && n.name !== c.name) return false;
  if (c.driver !== undefined && n.driver !== c.driver) return false;
  if (c.userDefined !== undefined && userDefined(n) !== c.userDefined) return false;
  if (c.internal !== undefined && n.internal !== c.internal) return false;
  if (c.subnet === true && n.subnets.length === 0) return false;
  if (c.subnet === false && n.subnets.length > 0) return false;
  if (typeof c.subnet === 'string' && !n.subnets.some((s) => s.subnet === c.subnet)) return false;
  if (c.gateway !== undefined && n.subnets.some((s) => s.gateway) !== c.gateway) return false;
  if (
    c.containers !== undefined &&
    t.containers.filter((x) => x.state === 'running' && x.endpoints.some((e) => e.networkId === n.id)).length < c.containers
  )
    return false;
  return true;
}

function containerMatches(x: Container, c: ContainerCondition, t: Topology): boolean {
  if (c.name !== undefined && x.name !== c.name) return false;
  if (c.image !== undefined && !imageMatches(x.image, c.image)) return false;
  if (c.state !== undefined && x.state !== c.state) return false;
  if (c.network !== undefined && !x.endpoints.some((e) => e.networkName === c.network)) return false;
  if (c.userNetwork !== undefined) {
    const onUser = x.endpoints.some((e) => {
      const n = t.networks.find((net) => net.id === e.networkId);
      return n ? userDefined(n) : !PREDEFINED.has(e.networkName);
    });
    if (onUser !== c.userNetwork) return false;
  }
  if (c.root !== undefined && runsAsRoot(x.user) !== c.root) return false;
  if (c.publishes && !x.ports.some((p) => portMatches(p, c.publishes!))) return false;
  return true;
}

function execMatches(x: ExecSeen, c: ExecCondition, t: Topology): boolean {
  const words = x.command.trim().split(/\s+/);
  const program = (words[0] ?? '').split('/').pop();
  if (program !== c.command) return false;
  if (c.succeeded !== undefined && (x.exitCode === undefined || (x.exitCode === 0) !== c.succeeded)) return false;
  if (c.by !== undefined) {
    const target = lastOperand(words.slice(1));
    if (!target || (IP.test(target) ? 'ip' : 'name') !== c.by) return false;
  }
  if (c.network !== undefined) {
    const container = t.containers.find((k) => k.id === x.containerId);
    if (!container) return false;
    const on = container.endpoints.some((e) => {
      if (c.network !== 'user-defined') return e.networkName === c.network;
      const n = t.networks.find((net) => net.id === e.networkId);
      return n ? userDefined(n) : !PREDEFINED.has(e.networkName);
    });
    if (!on) return false;
  }
  return true;
}

const IP = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]*:[0-9a-f:.]*$/i;

/** The target of `ping -c 1 -W 2 web` or `wget -qO- http://web:80/`: the last word that is not an option or its value. */
function lastOperand(args: string[]): string | undefined {
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      // Short options that take a value in ping, wget and nc, when given apart: -c 1, -W 2, -O -, -w 3.
      if (/^-[cWwiOsTtIp]$/.test(a)) i++;
      continue;
    }
    operands.push(a);
  }
  const last = operands.at(-1);
  if (!last) return undefined;
  const url = /^[a-z]+:\/\/(\[[^\]]+\]|[^/:]+)/i.exec(last);
  return url ? url[1]!.replace(/^\[|\]$/g, '') : last;
}

function portMatches(p: { hostPort: number; containerPort: number }, want: z.infer<typeof publishes>): boolean {
  return (want.host === undefined || p.hostPort === want.host) && (want.container === undefined || p.containerPort === want.container);
}

export function userDefined(n: Network): boolean {
  return !n.predefined && !PREDEFINED.has(n.name);
}

/** `user` as the Engine reports it: empty, `root`, `0` or `0:<group>` is root. */
export function runsAsRoot(user: string): boolean {
  const name = user.split(':')[0] ?? '';
  return name === '' || name === 'root' || name === '0';
}

function imageMatches(image: string, want: string): boolean {
  if (want.endsWith(':') || want.endsWith('/')) return image.startsWith(want);
  return image === want || (!want.includes(':') && image.startsWith(`${want}:`)) || image === `${want}:latest`;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
