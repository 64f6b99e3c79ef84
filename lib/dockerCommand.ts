import { withLessonLabel } from './lessons/label';
import type { Connect, Disconnect, NetworkCreate, PortBindingInput, Run, ServicePublish, ServiceUnpublish } from './schemas';

// The `docker` line each action equals, so a learner can copy it and type it next time.

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const line = (words: (string | false | undefined | null)[]) =>
  words
    .filter((w): w is string => typeof w === 'string' && w !== '')
    .map(shellWord)
    .join(' ');

const pairs = (flag: string, values: Record<string, string> | undefined) => Object.entries(values ?? {}).flatMap(([k, v]) => [flag, `${k}=${v}`]);
/** `--opt encrypted` as a person types it: an option with no value is its key alone, as the CLI reads it. */
const options = (values: Record<string, string>) => Object.entries(values).flatMap(([k, v]) => ['--opt', v === '' ? k : `${k}=${v}`]);

export function networkCreateCommand(n: NetworkCreate): string {
  const opts = { ...(n.parent ? { parent: n.parent } : {}), ...(n.encrypted ? { encrypted: '' } : {}), ...(n.options ?? {}) };
  return line([
    'docker',
    'network',
    'create',
    '--driver',
    n.driver,
    ...(n.subnet ? ['--subnet', n.subnet] : []),
    ...(n.gateway ? ['--gateway', n.gateway] : []),
    ...(n.ipRange ? ['--ip-range', n.ipRange] : []),
    n.ipv6 && '--ipv6',
    ...(n.subnetV6 ? ['--subnet', n.subnetV6] : []),
    n.internal && '--internal',
    n.attachable && '--attachable',
    ...pairs('--label', withLessonLabel(n.labels, n.lesson)),
    ...options(opts),
    n.name,
  ]);
}

export const networkRemoveCommand = (name: string) => line(['docker', 'network', 'rm', name]);
export const networkPruneCommand = () => line(['docker', 'network', 'prune', '--force']);

export function connectCommand(network: string, c: Connect): string {
  return line([
    'docker',
    'network',
    'connect',
    ...(c.ipv4 ? ['--ip', c.ipv4] : []),
    ...(c.aliases ?? []).flatMap((a) => ['--alias', a]),
    network,
    c.container,
  ]);
}

export function disconnectCommand(network: string, d: Disconnect): string {
  return line(['docker', 'network', 'disconnect', d.force && '--force', network, d.container]);
}

export const publishFlag = (p: PortBindingInput) => {
  const host = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  return `${host === '0.0.0.0' ? '' : `${host}:`}${p.hostPort}:${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
};

/** The words of a command as Docker will run them: a string splits at spaces, as a shell would for simple words. */
export function commandWords(command: Run['command']): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}

export function runCommand(r: Run): string {
  return line([
    'docker',
    'run',
    '--detach',
    ...(r.name ? ['--name', r.name] : []),
    ...(r.network ? ['--network', r.network] : []),
    ...(r.ports ?? []).flatMap((p) => ['--publish', publishFlag(p)]),
    ...(r.user ? ['--user', r.user] : []),
    ...pairs('--env', r.env),
    ...pairs('--label', withLessonLabel(undefined, r.lesson)),
    r.image,
    ...commandWords(r.command),
  ]);
}

export const containerCommand = (verb: 'start' | 'stop' | 'restart' | 'rm', ref: string) =>
  line(['docker', verb, ...(verb === 'rm' ? ['--force'] : []), ref]);

/** Docker cannot change a container's ports in place: the same container, recreated. */
export function portsCommand(name: string, ports: PortBindingInput[], run: string): string {
  return [
    line(['docker', 'stop', name]),
    line(['docker', 'rename', name, `${name}-old`]),
    `${run}   # same image, command, user, env and networks${ports.length ? '' : ', no published ports'}`,
    line(['docker', 'rm', `${name}-old`]),
  ].join('\n');
}

export function probeCommand(from: string, targetIp: string, port?: number): string {
  return port
    ? line(['docker', 'exec', from, 'nc', '-w', '2', targetIp, String(port)])
    : line(['docker', 'exec', from, 'ping', '-c', '1', '-W', '2', targetIp]);
}

export const imageCommand = (kind: 'pull' | 'push', image: string) => line(['docker', kind, image]);
export const tagCommand = (source: string, target: string) => line(['docker', 'tag', source, target]);
/** Never `--force`: Portolan does not take an image from under a container (README, "Tag and remove"). */
export const removeImageCommand = (image: string) => line(['docker', 'rmi', image]);

/**
 * The same command aimed at another engine: every `docker` it runs (at the start of a line, after `&&`, `||`,
 * `;`, `|`, inside `$(…)` or a backquote) gets the global options that reach that engine, as the server names
 * them (`--context lab`, or `-H tcp://10.0.0.5:2376 --tlsverify --tlscacert …`; a bare endpoint means `-H`), so a
 * learner who copies it changes the engine the map shows, not the one their shell points at. A `docker` already
 * aimed (`-H`, `--host`, `-c`, `--context`) is left as it is.
 */
export function onEngine(command: string, aim: string | readonly string[]): string {
  const flags = (typeof aim === 'string' ? ['-H', aim] : aim).map(shellWord).join(' ');
  if (!flags) return command;
  return command.replace(
    /(^|\n|&&|\|\||;|\||\$\(|`)([ \t]*)docker(?=[ \t])(?![ \t]+(?:-H|--host|-c|--context)(?:[ \t=]))/g,
    (_, before: string, space: string) => `${before}${space}docker ${flags}`,
  );
}

// Swarm service changes, rendered for the dialogs' previews and the server's answers alike.

export const serviceScaleCommand = (service: string, replicas: number) => line(['docker', 'service', 'scale', `${service}=${replicas}`]);

/** Every key written out (`protocol=tcp,mode=ingress` too): the learner sees the mode chosen, not a default left unsaid. */
export function servicePublishCommand(
  service: string,
  p: Pick<ServicePublish, 'targetPort' | 'protocol' | 'publishMode'> & { publishedPort?: number | undefined },
): string {
  const spec = [
    ...(p.publishedPort ? [`published=${p.publishedPort}`] : []),
    `target=${p.targetPort}`,
    `protocol=${p.protocol}`,
    `mode=${p.publishMode}`,
  ];
  return line(['docker', 'service', 'update', '--publish-add', spec.join(','), service]);
}

/** The CLI names a port to remove by its target port (and protocol, when not tcp). */
export const serviceUnpublishCommand = (service: string, p: ServiceUnpublish) =>
  line(['docker', 'service', 'update', '--publish-rm', `${p.targetPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`, service]);

// The commands that show what a panel shows, run on a manager.

export const nodeCommands = (hostname: string) => [
  line(['docker', 'node', 'ls']),
  line(['docker', 'node', 'inspect', '--pretty', hostname]),
  line(['docker', 'node', 'ps', hostname]),
];

export const serviceCommands = (name: string) => [
  line(['docker', 'service', 'ls']),
  line(['docker', 'service', 'ps', name]),
  line(['docker', 'service', 'inspect', '--pretty', name]),
];

export const taskCommands = (taskId: string, service: string | undefined) => [
  ...(service ? [line(['docker', 'service', 'ps', '--filter', `id=${taskId}`, service])] : []),
  line(['docker', 'inspect', '--type', 'task', taskId]),
];

/** On a manager, `--verbose` lists each node the overlay is on and its tasks there; on a worker, `ls` shows whether it is there. */
export const overlayCommands = (network: string) => [
  line(['docker', 'network', 'inspect', '--verbose', network]),
  line(['docker', 'network', 'ls', '--filter', 'driver=overlay']),
];
