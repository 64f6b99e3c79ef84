import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_IMAGE, docker } from './docker';

/**
 * A Docker Engine of the test's own, in a network namespace of its own, so a
 * test can stop and restart a daemon without disturbing the shared one.
 */
export class SecondEngine {
  readonly dir: string;
  readonly netns: string;
  readonly socket: string;
  private daemon: ChildProcess | null = null;

  /**
   * `extraArgs` go to dockerd after the test's own, e.g. `['--default-address-pool', 'base=10.231.0.0/23,size=24']`.
   * `listener`, a server listening in the test's own network namespace, is handed to dockerd as
   * `-H fd://` (socket activation): the API answers there, outside the daemon's namespace.
   */
  constructor(
    private readonly extraArgs: readonly string[] = [],
    private readonly listener?: net.Server,
  ) {
    const id = randomBytes(3).toString('hex');
    this.netns = `ptl-${id}`;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `ptl-engine-${id}-`));
    this.socket = path.join(this.dir, 'docker.sock');
  }

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, DOCKER_HOST: `unix://${this.socket}` };
  }

  async start(): Promise<void> {
    if (!fs.existsSync(`/run/netns/${this.netns}`)) {
      execFileSync('ip', ['netns', 'add', this.netns]);
      execFileSync('ip', ['-n', this.netns, 'link', 'set', 'lo', 'up']);
    }
    const log = fs.openSync(path.join(this.dir, 'dockerd.log'), 'a');
    // `ip netns exec` would remount /sys and break dockerd's cgroups; nsenter only switches the network.
    const command = [
      'nsenter',
      `--net=/run/netns/${this.netns}`,
      'dockerd',
      '--data-root',
      path.join(this.dir, 'data'),
      '--exec-root',
      path.join(this.dir, 'exec'),
      '--pidfile',
      path.join(this.dir, 'dockerd.pid'),
      '-H',
      `unix://${this.socket}`,
      ...this.extraArgs,
    ];
    if (this.listener) {
      // systemd's socket activation: the socket is fd 3, for the process LISTEN_PID names; sh and nsenter exec, so the pid stays dockerd's.
      const fd = (this.listener as unknown as { _handle: { fd: number } })._handle.fd;
      this.daemon = spawn('sh', ['-c', 'LISTEN_PID=$$ LISTEN_FDS=1 exec "$@"', 'sh', ...command, '-H', 'fd://'], { stdio: ['ignore', log, log, fd] });
      // dockerd holds its own copy now; ours must not accept its connections.
      this.listener.close();
    } else {
      this.daemon = spawn(command[0]!, command.slice(1), { stdio: ['ignore', log, log] });
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await docker(['info', '--format', '{{.ID}}'], this.env);
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`the second dockerd did not answer in 30 s: ${(err as Error).message}\n${this.log()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** `docker save | docker load` from the shared engine: there is no registry to pull the test image from. */
  async loadTestImage(): Promise<void> {
    const save = spawn('docker', ['save', TEST_IMAGE], { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = spawn('docker', ['load', '--quiet'], { env: this.env, stdio: ['pipe', 'ignore', 'inherit'] });
    save.stdout.pipe(load.stdin);
    const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => p.once('exit', resolve));
    const [saved, loaded] = await Promise.all([exited(save), exited(load)]);
    if (saved !== 0 || loaded !== 0) throw new Error(`copying ${TEST_IMAGE} to the second engine failed (save ${saved}, load ${loaded})`);
  }

  async stop(): Promise<void> {
    const daemon = this.daemon;
    if (!daemon || daemon.exitCode !== null) return;
    const exited = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    this.daemon = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    try {
      execFileSync('ip', ['netns', 'del', this.netns]);
    } catch {
      // already gone
    }
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'dockerd.log'), 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  }
}
