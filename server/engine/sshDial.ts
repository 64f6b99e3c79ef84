import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http, { type ClientRequest } from 'node:http';
import { Duplex } from 'node:stream';
import type { Connection } from './endpoint';

export type SshTarget = Extract<Connection, { kind: 'ssh' }>;

/**
 * HTTP connections to one Engine, each an ssh child and, on the far side, a
 * `docker system dial-stdio` process: at most this many at once. The event
 * stream holds one for as long as it runs; a full sync's inspects share the
 * rest. Measured on this machine, a new connection costs seconds (the remote
 * docker CLI starting, more than ssh's handshake) and a request on an open one
 * tens of milliseconds, so a sync of 20 containers was quickest with 3 or 4
 * and slowest with 16.
 */
export const SSH_MAX_CONNECTIONS = 4;
/** An idle connection waits this long for the next request (the next burst of events), then its ssh ends. */
const SSH_IDLE_MS = 30_000;
/** The most of ssh's standard error kept for the error message. */
const STDERR_KEPT = 8192;

/**
 * The docker CLI's own command line for an ssh engine (`ssh -o
 * ConnectTimeout=30 -T [-l user] [-p port] -- host docker system dial-stdio`),
 * so keys, ~/.ssh/config, known_hosts, the agent and ProxyJump behave as they
 * do for the CLI. BatchMode=yes because no one is there to answer a prompt;
 * ServerAliveInterval because the event stream is quiet for hours, and a host
 * that vanished would otherwise leave it open, and the map stale, for ever.
 */
export function sshArgs(target: SshTarget): string[] {
  return [
    '-o',
    'ConnectTimeout=30',
    '-o',
    'BatchMode=yes',
    '-o',
    'ServerAliveInterval=15',
    '-T',
    ...(target.user ? ['-l', target.user] : []),
    ...(target.port ? ['-p', String(target.port)] : []),
    '--',
    target.host,
    'docker',
    ...(target.socketPath ? ['--host', `unix://${target.socketPath}`] : []),
    'system',
    'dial-stdio',
  ];
}

/** ssh (or the remote docker) said no: its own words, and what to do about it. */
export class SshDialError extends Error {
  override name = 'SshDialError';
  readonly code = 'ESSH';

  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** `ssh -p 2222 root@host`: the command a person runs to see the same thing. */
function sshCommand(target: SshTarget): string {
  return ['ssh', ...(target.port ? ['-p', String(target.port)] : []), `${target.user ? `${target.user}@` : ''}${target.host}`].join(' ');
}

const HINTS: [RegExp, (target: SshTarget) => string][] = [
  [
    /permission denied while trying to connect to the docker daemon/i,
    () => 'The ssh user may not use the Docker socket on that host: add it to the docker group there.',
  ],
  [
    /cannot connect to the docker daemon|is the docker daemon running/i,
    () => 'ssh logged in, but no Docker Engine answers on that host: start it there.',
  ],
  [
    /docker: (command )?not found|docker: no such file|unknown command "dial-stdio"|unknown command: dial-stdio/i,
    () => 'ssh logged in, but that host has no docker command (18.09 or later) on the PATH of a non-interactive ssh session: install Docker there.',
  ],
  [
    /permission denied \(/i,
    (t) =>
      'The server accepted none of your keys. Portolan runs your ssh without prompting, as the docker CLI does: keep the key in ~/.ssh ' +
      `(or name it with IdentityFile in ~/.ssh/config, or load it with ssh-add) and its public half in the remote ~/.ssh/authorized_keys; check with: ${sshCommand(t)} docker version`,
  ],
  [
    /host key verification failed|remote host identification has changed/i,
    (t) =>
      `The host's key is not in ~/.ssh/known_hosts, or has changed, and Portolan never answers ssh's yes/no question: connect once yourself (${sshCommand(t)}) to check and accept it.`,
  ],
  [/could not resolve hostname/i, () => 'Check the host name in the address, or its HostName in ~/.ssh/config.'],
  [/connection refused/i, (t) => `No ssh server listens on ${t.host} port ${t.port ?? 22}: check the host and the port.`],
  [/timed out|no route to host|network is unreachable/i, () => 'That host cannot be reached from here: check the address and the network.'],
];

/** ssh's standard error turned into one line and a hint; ssh prints its reason last, after any warnings. */
export function sshFailure(stderr: string, exit: number | null, target: SshTarget): SshDialError {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^ssh: /, ''))
    .filter((l) => l && !/^@+$/.test(l));
  for (const [pattern, hint] of HINTS) {
    const line = lines.findLast((l) => pattern.test(l));
    if (line) return new SshDialError(`ssh: ${line}`, hint(target));
  }
  const words = lines.at(-1) ?? `ssh ended with exit code ${exit ?? 'unknown'} and said nothing`;
  return new SshDialError(`ssh: ${words}`, `Check that this works as the user who runs Portolan: ${sshCommand(target)} docker version`);
}

/** One HTTP connection: a Duplex over the standard input and output of `ssh … docker system dial-stdio`. */
class DialStdio extends Duplex {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private idleTimer: NodeJS.Timeout | null = null;
  private timeoutTimer: NodeJS.Timeout | null = null;
  /** As on a net.Socket: the idle time after which 'timeout' is emitted, 0 for never. */
  timeout = 0;

  constructor(private readonly target: SshTarget) {
    super({ allowHalfOpen: false });
    this.child = spawn('ssh', sshArgs(target), { stdio: ['pipe', 'pipe', 'pipe'] });
    const { stdin, stdout, stderr } = this.child;
    stdout.on('data', (chunk: Buffer) => {
      this.touch();
      if (!this.push(chunk)) stdout.pause();
    });
    stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_KEPT) this.stderr += chunk.toString('utf8');
    });
    // A write to an ssh that has already gone fails with EPIPE; its exit, below, says why it went.
    stdin.on('error', () => {});
    this.child.once('error', (err: NodeJS.ErrnoException) => {
      this.destroy(
        err.code === 'ENOENT'
          ? new SshDialError(
              'ssh: the ssh command is not installed on this machine.',
              'Install the OpenSSH client (Debian: apt-get install openssh-client).',
            )
          : err,
      );
    });
    // 'close' comes after the exit and after ssh's output has all been read.
    this.child.once('close', (code) => {
      if (this.destroyed) return;
      if (code === 0) this.push(null);
      else this.destroy(sshFailure(this.stderr, code, this.target));
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.touch();
    if (this.child.stdin.write(chunk)) done();
    else this.child.stdin.once('drain', () => done());
  }

  override _final(done: (err?: Error | null) => void): void {
    this.child.stdin.end();
    done();
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void): void {
    this.idle(0);
    this.setTimeout(0);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    done(err);
  }

  /** Close this connection once it has been idle in the pool this long; 0 keeps it. */
  idle(ms: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = ms > 0 ? setTimeout(() => this.destroy(), ms).unref() : null;
  }

  // What Node's HTTP client and agent ask of a socket.
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.timeout = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  ref(): this {
    this.child.ref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as unknown as { ref?: () => void }).ref?.();
    return this;
  }

  unref(): this {
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
    return this;
  }

  private touch(): void {
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = this.timeout > 0 ? setTimeout(() => this.emit('timeout'), this.timeout).unref() : null;
  }
}

/**
 * An http.Agent whose connections are ssh children: dockerode speaks plain
 * HTTP through it, as the docker CLI does through its connection helper.
 * Idle connections stay open a while for the next request, then their ssh ends.
 */
export class SshAgent extends http.Agent {
  constructor(private readonly target: SshTarget) {
    super({ keepAlive: true, maxSockets: SSH_MAX_CONNECTIONS, maxFreeSockets: SSH_MAX_CONNECTIONS });
  }

  override createConnection(): Duplex {
    return new DialStdio(this.target);
  }

  override keepSocketAlive(socket: Duplex): boolean {
    (socket as DialStdio).unref().idle(SSH_IDLE_MS);
    return true;
  }

  override reuseSocket(socket: Duplex, request: ClientRequest): void {
    super.reuseSocket(socket, request);
    (socket as DialStdio).idle(0);
  }
}
