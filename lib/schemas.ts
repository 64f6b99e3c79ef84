import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { contains, isRange, parseCidr, within } from './cidr';
import { isReference, parseReference } from './imageReference';
import { LESSON_ID, LESSON_LABEL } from './lessons/label';

// One set of schemas for the UI's forms and the server's API. Objects are
// strict: an unknown key (Privileged, Binds, CapAdd…) is refused, never ignored.

export const OBJECT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const NAME_HINT = 'letters, digits, "_", "." and "-", starting with a letter or digit';

export const objectName = z.string().trim().regex(OBJECT_NAME, `use ${NAME_HINT}`);
/** Ids, short ids and names as Docker writes them. */
export const OBJECT_REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;
/** An id, short id or name. */
export const objectRef = z.string().trim().regex(OBJECT_REF, `use an id, a short id or a name (${NAME_HINT})`);

/**
 * Why a network given to run or connect would put the container in a
 * namespace it shares (the host's, another container's), or null when it names
 * a network. The Engine matches "host" and "container:" exactly; these checks
 * do not, so no spelling slips past. The host network given by its id is
 * caught on the server, which asks the Engine.
 */
export function sharedNamespace(network: string): string | null {
  const mode = network.trim().toLowerCase();
  if (mode === 'host') return HOST_NETWORK;
  if (mode.includes(':'))
    return `"${network.trim()}" would share a network namespace (another container's, or the host's): Portolan gives every container its own, on a network`;
  return null;
}

export const HOST_NETWORK =
  "the host network gives the container the host's own network stack, every port and interface of this machine (CIS 5.10): Portolan does not put containers there";

/** A network to run a container on or connect it to: a network's id or name, never a namespace to share. */
export const networkRef = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const shared = sharedNamespace(value);
    if (shared) ctx.addIssue({ code: 'custom', message: shared });
    else if (!OBJECT_REF.test(value)) ctx.addIssue({ code: 'custom', message: `use an id, a short id or a name (${NAME_HINT})` });
  });

const cidr = (version: 4 | 6) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const range = parseCidr(value);
      if (!isRange(range)) ctx.addIssue({ code: 'custom', message: range.error });
      else if (range.version !== version)
        ctx.addIssue({ code: 'custom', message: `${value} is an IPv${range.version} network; IPv${version} is needed here` });
    });

const ipv4 = z
  .string()
  .trim()
  .refine((v) => ipaddr.IPv4.isValidFourPartDecimal(v), { message: 'write an IPv4 address like 172.20.0.10' });
const hostIp = z
  .string()
  .trim()
  .refine((v) => ipaddr.isValid(v), { message: 'write an address like 127.0.0.1, 0.0.0.0 or ::' });
const port = z.number().int().min(1).max(65535);
const keyValues = z.record(z.string().regex(/^[^=\s]+$/, 'keys have no "=" or spaces'), z.string());
/** A person's labels: the lesson's label is Portolan's to set, from `lesson`, once the server knows the lesson. */
const labels = keyValues.refine((l) => !Object.hasOwn(l, LESSON_LABEL), {
  message: `${LESSON_LABEL} is set by Portolan for the lesson named in "lesson"`,
});
/** The lesson whose controls made the object: the server checks it is one it has and labels the object io.portolan.lesson=<id>. */
const lesson = z.string().regex(LESSON_ID, 'name a lesson by its id: lower-case letters, digits and dashes');

export const DRIVERS = ['bridge', 'overlay', 'macvlan', 'ipvlan'] as const;

export const networkCreateSchema = z
  .strictObject({
    name: objectName,
    driver: z.enum(DRIVERS).default('bridge'),
    subnet: cidr(4).optional(),
    gateway: ipv4.optional(),
    ipRange: cidr(4).optional(),
    ipv6: z.boolean().optional(),
    subnetV6: cidr(6).optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    /** Overlay only: IPsec between the nodes for the containers' traffic (`--opt encrypted`). */
    encrypted: z.boolean().optional(),
    labels: labels.optional(),
    options: keyValues.optional(),
    lesson: lesson.optional(),
    /** The host interface macvlan and ipvlan networks sit on. */
    parent: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.@-]{0,31}$/, 'name a host interface like eth0')
      .optional(),
  })
  .superRefine((n, ctx) => {
    const range = n.subnet ? parseCidr(n.subnet) : null;
    if ((n.gateway || n.ipRange) && !n.subnet) ctx.addIssue({ code: 'custom', path: ['subnet'], message: 'a gateway or IP range needs its subnet' });
    if (range && isRange(range) && n.gateway && !contains(range, n.gateway))
      ctx.addIssue({ code: 'custom', path: ['gateway'], message: `${n.gateway} is not inside ${n.subnet}` });
    const ipRange = n.ipRange ? parseCidr(n.ipRange) : null;
    if (range && isRange(range) && ipRange && isRange(ipRange) && !within(ipRange, range))
      ctx.addIssue({ code: 'custom', path: ['ipRange'], message: `${n.ipRange} is not inside ${n.subnet}` });
    if (n.encrypted && n.driver !== 'overlay')
      ctx.addIssue({
        code: 'custom',
        path: ['encrypted'],
        message: `encryption is an overlay network's (IPsec between swarm nodes); a ${n.driver} network never leaves this host`,
      });
    if (n.subnetV6 && !n.ipv6) ctx.addIssue({ code: 'custom', path: ['ipv6'], message: 'an IPv6 subnet needs "ipv6": true' });
    if ((n.driver === 'macvlan' || n.driver === 'ipvlan') && !n.parent && !n.options?.parent)
      ctx.addIssue({ code: 'custom', path: ['parent'], message: `a ${n.driver} network sits on a host interface: name it as parent (e.g. eth0)` });
  });

/**
 * `expected`: the networks (ids) the asker was shown it would remove. When the picture says otherwise by then, the
 * prune is refused and nothing changes: what goes is exactly what was confirmed.
 */
export const networkPruneSchema = z.strictObject({ expected: z.array(objectRef).max(1000).optional() });

export const connectSchema = z.strictObject({
  container: objectRef,
  ipv4: ipv4.optional(),
  aliases: z.array(objectName).max(16).optional(),
});

export const disconnectSchema = z.strictObject({
  container: objectRef,
  force: z.boolean().optional(),
});

export const portBindingSchema = z.strictObject({
  /** 127.0.0.1 unless all interfaces are chosen on purpose. */
  hostIp: hostIp.default('127.0.0.1'),
  hostPort: port,
  containerPort: port,
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
});

/** `docker service scale NAME=N`. */
export const serviceScaleSchema = z.strictObject({
  replicas: z.number().int().min(0).max(1000),
});

/** `docker service update --publish-add`: no host address to choose; ingress answers on every node of the swarm. */
export const servicePublishSchema = z.strictObject({
  /** Absent: the swarm picks one from 30000–32767. */
  publishedPort: port.optional(),
  targetPort: port,
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
  /** ingress: the routing mesh, on every node; host: only on the nodes that run a task. */
  publishMode: z.enum(['ingress', 'host']).default('ingress'),
});

/** `docker service update --publish-rm TARGET[/PROTOCOL]`. */
export const serviceUnpublishSchema = z.strictObject({
  targetPort: port,
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
});

export const runSchema = z.strictObject({
  image: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._\-/:@]{0,254}$/i, 'name an image like nginx:1.27 or portolan/busybox:test'),
  name: objectName.optional(),
  command: z.union([z.string().trim().max(4096), z.array(z.string().max(4096)).max(64)]).optional(),
  network: networkRef.optional(),
  ports: z.array(portBindingSchema).max(32).optional(),
  /** A user id, name, or id:group, as `--user` takes it. */
  user: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{1,32}(:[a-zA-Z0-9_.-]{1,32})?$/, 'give a user id or name, like 1000 or 1000:1000')
    .optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment names are letters, digits and "_"'), z.string()).optional(),
  /** Try the registry when the image is not here. */
  pull: z.boolean().optional(),
  lesson: lesson.optional(),
});

/** An image reference by Docker's grammar (`127.0.0.1:5000/team/app:1`), told in words when it is not one. */
export const imageReference = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseReference(value);
    if (!isReference(parsed)) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

/** Pull or push one image. */
export const imageTransferSchema = z.strictObject({ image: imageReference });

/** A name to give an image: a reference without a digest, which the registry computes and nobody writes. */
const tagTarget = imageReference.superRefine((value, ctx) => {
  const parsed = parseReference(value);
  if (isReference(parsed) && parsed.digest)
    ctx.addIssue({ code: 'custom', message: `a tag names no digest: write it as [REGISTRY/]REPOSITORY[:TAG], e.g. ${value.split('@')[0]}` });
});

/** `docker tag SOURCE TARGET`: the source by a tag it has or its id, the target a new name for the same image. */
export const imageTagSchema = z.strictObject({ source: imageReference, target: tagTarget });

export const portsSchema = z.strictObject({ ports: z.array(portBindingSchema).max(32) });

/** `by`: reach the target at its address (default) or by its name, which only Docker's embedded DNS on a user-defined network answers. */
export const probeSchema = z.strictObject({ target: objectRef, port: port.optional(), by: z.enum(['ip', 'name']).default('ip') });

export type NetworkCreate = z.infer<typeof networkCreateSchema>;
export type Connect = z.infer<typeof connectSchema>;
export type Disconnect = z.infer<typeof disconnectSchema>;
export type PortBindingInput = z.infer<typeof portBindingSchema>;
export type Run = z.infer<typeof runSchema>;
export type PortsChange = z.infer<typeof portsSchema>;
export type Probe = z.infer<typeof probeSchema>;
export type ImageTransfer = z.infer<typeof imageTransferSchema>;
export type ImageTag = z.infer<typeof imageTagSchema>;
export type ServiceScale = z.infer<typeof serviceScaleSchema>;
export type ServicePublish = z.infer<typeof servicePublishSchema>;
export type ServiceUnpublish = z.infer<typeof serviceUnpublishSchema>;

/** Issues in words: "gateway: 10.1.0.1 is not inside 10.2.0.0/24; unknown key "Privileged"". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys')
        return `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      const where = issue.path.join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** A docker context's name as the CLI allows it (`docker context create`). */
export const CONTEXT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]{0,254}$/;
/** `POST /api/engines`: watch one of the docker CLI's contexts, by its name only, never an endpoint. */
export const engineWatchSchema = z.strictObject({
  context: z.string().trim().regex(CONTEXT_NAME, 'use the name of a context `docker context ls` lists (letters, digits, "_", ".", "+" and "-")'),
});
