import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { docker, waitFor } from './docker';

const run = promisify(execFile);
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'swarm.sh');

/** The test swarm of scripts/swarm.sh: three 20.10 daemons in network namespaces ptl-swarm-1..3. */
export class TestSwarm {
  /** The manager's socket, for the docker CLI and for Portolan. */
  env: NodeJS.ProcessEnv = process.env;
  /** It ran before the suite first brought it up (someone demoing): the suite leaves it up. */
  private wasUp: boolean | undefined;

  /** node N's daemon, for the docker CLI. */
  nodeEnv(n: 1 | 2 | 3): NodeJS.ProcessEnv {
    return { ...process.env, DOCKER_HOST: `unix:///run/portolan-swarm/${n}/docker.sock` };
  }

  /** The node's network namespace, where its addresses and published ports answer. */
  netns(n: 1 | 2 | 3): string {
    return `ptl-swarm-${n}`;
  }

  /** Builds the swarm, or starts again what is missing of it (a node's stopped daemon). */
  async up(): Promise<void> {
    this.wasUp ??= (await this.swarm('status')).includes('swarm active');
    const where = Object.fromEntries(
      (await this.swarm('up'))
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    if (!where.DOCKER_HOST) throw new Error('scripts/swarm.sh up named no manager');
    this.env = { ...process.env, DOCKER_HOST: where.DOCKER_HOST };
  }

  /** Stops node N's daemon as a machine going away would; `up` starts it again. */
  async stop(n: 1 | 2 | 3): Promise<void> {
    await this.swarm('stop', String(n));
  }

  /** A suite's cleanup: removes an overlay once the tasks on it have gone (a minute at most), warning rather than failing. */
  async removeNetwork(name: string): Promise<void> {
    await waitFor(
      `the overlay ${name} removed`,
      () =>
        docker(['network', 'rm', name], this.env).then(
          () => true,
          (err: Error) => /not found/.test(err.message),
        ),
      60_000,
      1000,
    ).catch((err: Error) => console.warn(`swarm cleanup: ${err.message}`));
  }

  /** Removes the swarm, unless it was there before the suite: then only the suite's own objects go (the caller's part). */
  async down(): Promise<void> {
    if (!this.wasUp) await this.swarm('down');
  }

  private async swarm(...args: string[]): Promise<string> {
    try {
      const { stdout } = await run('bash', [SCRIPT, ...args], { timeout: 240_000 });
      return stdout;
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`scripts/swarm.sh ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`);
    }
  }
}
