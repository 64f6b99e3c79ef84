import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Portolan served by a process of its own (scripts/testkit/serve.ts). */
export class PortolanProcess {
  url = '';
  stdout = '';
  stderr = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /**
   * Starts it with `env` and, when `home` is given, with that folder as its
   * user's home. ssh reads ~/.ssh from the password database, not from $HOME,
   * so the folder is bind-mounted over the real home in a private mount
   * namespace (root only): the machine's own ~/.ssh is never read or touched.
   */
  static async start({ env, home }: { env: NodeJS.ProcessEnv; home?: string }): Promise<PortolanProcess> {
    const serve = ['node', '--import', 'tsx', path.join(root, 'scripts/testkit/serve.ts')];
    const realHome = os.userInfo().homedir;
    const [command, ...args] = home
      ? [
          'unshare',
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount --bind "$1" "$2" && shift 2 && exec "$@"',
          'sh',
          home,
          realHome,
          ...serve,
        ]
      : serve;
    const child = spawn(command!, args, { cwd: root, env: { ...env, HOME: realHome }, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new PortolanProcess(child);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const url = /^listening (\S+)$/m.exec(server.stdout)?.[1];
      if (url) {
        server.url = url;
        return server;
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Portolan did not start (exit ${child.exitCode}):\n${server.stderr}${server.stdout}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends `signal` and resolves with how the process ended. */
  signal(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, sig) => resolve({ code, signal: sig })),
    );
    child.kill(signal);
    return ended;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
