import { publishedBindings } from './graph/elements';
import { isExposed, isRoot, type PortBinding } from './topology';

/** What the security lens reads of one container's inspect document. */
export interface ContainerSecurity {
  id: string;
  name: string;
  image: string;
  /** As in the image or `--user`; "" means root. */
  user: string;
  privileged: boolean;
  capAdd: string[];
  /** `--cap-drop`, as given: ["ALL"] drops every capability. */
  capDrop: string[];
  /** `--security-opt no-new-privileges`: no setuid binary can raise its privileges. */
  noNewPrivileges: boolean;
  mounts: { type: string; source: string; destination: string; readOnly: boolean }[];
  networkMode: string;
  /** Bytes; 0 means no limit. */
  memory: number;
  readonlyRootfs: boolean;
  ports: PortBinding[];
  pidMode: string;
  ipcMode: string;
}

export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  /** The CIS Docker Benchmark id, or a name for checks CIS lacks. */
  rule: string;
  severity: Severity;
  title: string;
  why: string;
  /** A command or Dockerfile line that removes the finding. */
  fix: string;
}

export interface ContainerAudit {
  id: string;
  name: string;
  score: number;
  findings: Finding[];
}

const SENSITIVE_DIRS = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];
const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];
const WEIGHT: Record<Severity, number> = { high: 25, medium: 10, low: 4 };

/** An image referenced by `latest` or by no tag at all floats: the same name runs different code tomorrow. */
export function floatingTag(image: string): boolean {
  // A digest or an image id (what `docker run <id>` records) names one image for good.
  if (image.includes('@sha256:') || /^(sha256:[0-9a-f]+|[0-9a-f]{12,64})$/.test(image)) return false;
  const lastPart = image.split('/').pop() ?? image;
  return !lastPart.includes(':') || lastPart.endsWith(':latest');
}

export interface AuditOptions {
  /** The container is Portolan's own (server/ownContainer.ts): the one whose socket mount is the product. */
  self?: boolean;
}

/**
 * What Portolan's own container lacks of the hardening that makes its socket mount an accepted risk
 * (compose.yaml has it all): each missing piece, in words. Empty: the socket is as fenced in as it can be.
 */
export function selfHardeningGaps(c: ContainerSecurity): string[] {
  const gaps: string[] = [];
  if (isRoot(c)) gaps.push('a non-root user');
  if (!c.capDrop.some((cap) => cap.toUpperCase() === 'ALL') || c.capAdd.length || c.privileged) gaps.push('--cap-drop ALL and nothing added');
  if (!c.noNewPrivileges) gaps.push('--security-opt no-new-privileges');
  if (!c.readonlyRootfs) gaps.push('--read-only');
  if (c.memory === 0) gaps.push('--memory');
  if (c.networkMode === 'host' || c.pidMode === 'host' || c.ipcMode === 'host') gaps.push('no host namespaces');
  if (publishedBindings(c.ports).some((b) => isExposed(b.primary))) gaps.push('its port on 127.0.0.1 only');
  return gaps;
}

/** The findings for one container, each tagged with its CIS Docker Benchmark id. */
export function auditContainer(c: ContainerSecurity, options: AuditOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, severity: Severity, title: string, why: string, fix: string) => findings.push({ rule, severity, title, why, fix });
  // A dual-stack pair (0.0.0.0 and :: on one host port) is one mapping, listed once.
  const exposed = publishedBindings(c.ports)
    .map((b) => b.primary)
    .filter(isExposed);

  if (isRoot(c))
    add(
      '4.1',
      'medium',
      'Runs as root',
      'A process that breaks out of the container is root on the host too.',
      'USER 1000   (in the Dockerfile, or docker run --user 1000)',
    );
  if (c.capAdd.length)
    add(
      '5.4',
      'high',
      `Adds capabilities: ${c.capAdd.join(', ')}`,
      'Each added capability hands the container a piece of root on the host.',
      `docker run without --cap-add ${c.capAdd.join(' --cap-add ')}`,
    );
  if (c.privileged)
    add(
      '5.5',
      'high',
      'Privileged',
      'A privileged container can reach every device and undo every isolation: it is root on the host.',
      'docker run without --privileged (add only the one capability it needs)',
    );
  const sensitive = c.mounts.filter(
    (m) => m.type === 'bind' && SENSITIVE_DIRS.some((d) => m.source === d || (d !== '/' && m.source.startsWith(`${d}/`))),
  );
  if (sensitive.length)
    add(
      '5.6',
      'high',
      `Mounts host directories: ${sensitive.map((m) => m.source).join(', ')}`,
      'Writing there changes the host itself; reading it leaks its secrets.',
      'mount a volume or a dedicated directory instead (docker volume create)',
    );
  if (c.networkMode === 'host')
    add(
      '5.10',
      'medium',
      'Shares the host network',
      "It sees and binds the host's interfaces: no network isolation, no port mapping.",
      'docker run --network <a network of its own> -p 127.0.0.1:8080:80',
    );
  if (c.memory === 0)
    add('5.11', 'low', 'No memory limit', 'One runaway container can starve the host and every other container.', 'docker run --memory 256m');
  if (!c.readonlyRootfs)
    add('5.13', 'low', 'Writable root file system', 'An intruder can change the programs the container runs.', 'docker run --read-only --tmpfs /tmp');
  if (exposed.length) {
    const example = exposed[0]!;
    const protocol = example.protocol === 'tcp' ? '' : `/${example.protocol}`;
    add(
      '5.14',
      'medium',
      `Ports on all interfaces: ${exposed.map(hostAddress).join(', ')}`,
      'Every machine that reaches this host reaches the container, and Docker’s rules bypass the host firewall.',
      // Host port 0 is `-p 80` or `-P`: the Engine picks a port at each start.
      example.hostPort
        ? `-p 127.0.0.1:${example.hostPort}:${example.containerPort}${protocol}`
        : `-p 127.0.0.1::${example.containerPort}${protocol}   (instead of -p ${example.containerPort} or -P)`,
    );
  }
  if (c.pidMode === 'host')
    add(
      '5.16',
      'high',
      "Shares the host's process namespace",
      'It sees, and may signal, every process on the host.',
      'docker run without --pid host',
    );
  if (c.ipcMode === 'host')
    add('5.17', 'high', "Shares the host's IPC namespace", "It can read the host's shared memory.", 'docker run without --ipc host');
  if (c.mounts.some((m) => DOCKER_SOCKETS.includes(m.source))) {
    const gaps = options.self ? selfHardeningGaps(c) : [];
    if (options.self && !gaps.length)
      // Portolan is a map of the Engine: the socket is the product, so the finding stays, as the risk accepted and held small.
      add(
        '5.32',
        'low',
        'Mounts the Docker socket: Portolan itself, fenced in',
        'Portolan draws the map through this socket, so whoever takes Portolan over is root on the host. Its container runs as a non-root user with every capability dropped, no new privileges, a read-only root and a memory limit, and publishes its port on loopback only, behind its token.',
        'keep it so: the port on 127.0.0.1, PORTOLAN_TOKEN set, and Portolan only where whoever reaches it may be root',
      );
    else
      add(
        '5.32',
        'high',
        options.self ? 'Mounts the Docker socket: Portolan itself, not fenced in' : 'Mounts the Docker socket',
        options.self
          ? `Whoever holds the Docker socket is root on the host, and Portolan must hold it: its container still needs ${gaps.join(', ')} (compose.yaml has them all).`
          : 'Whoever holds the Docker socket is root on the host.',
        options.self ? 'docker compose up -d   (compose.yaml runs Portolan fenced in)' : 'remove -v /var/run/docker.sock:/var/run/docker.sock',
      );
  }
  if (floatingTag(c.image))
    add(
      'latest-tag',
      'low',
      `Image without a fixed tag: ${c.image}`,
      'latest (or no tag) means a different image after the next pull: builds stop being repeatable.',
      `docker run ${c.image.replace(/:latest$/, '')}:<version>`,
    );
  return findings;
}

function hostAddress(p: PortBinding): string {
  const ip = p.hostIp || '0.0.0.0';
  return `${ip.includes(':') ? `[${ip}]` : ip}:${p.hostPort || '<random>'}`;
}

/** 100 for a clean container, less for each finding by its weight, never below 0. */
export function scoreOf(findings: readonly Finding[]): number {
  return Math.max(0, 100 - findings.reduce((sum, f) => sum + WEIGHT[f.severity], 0));
}

export function auditOf(c: ContainerSecurity, options: AuditOptions = {}): ContainerAudit {
  const findings = auditContainer(c, options);
  return { id: c.id, name: c.name, score: scoreOf(findings), findings };
}
