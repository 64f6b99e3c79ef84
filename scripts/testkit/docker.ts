import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TEST_IMAGE = process.env.PORTOLAN_TEST_IMAGE ?? 'portolan/busybox:test';

/** Longer than any docker command a test runs; shorter than a test's hook, so a hang names the command, not the hook. */
const CLI_TIMEOUT_MS = 90_000;

/** Runs the docker CLI against the engine named by `env` (default: this process's DOCKER_HOST). */
export async function docker(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  try {
    const { stdout } = await run('docker', args, { env, maxBuffer: 64 * 1024 * 1024, timeout: CLI_TIMEOUT_MS });
    return stdout.trim();
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string; killed?: boolean };
    // `docker exec` of Docker 20.10 prints the runtime's refusal ("executable file not found") on stdout.
    const why = e.killed ? `no answer in ${CLI_TIMEOUT_MS / 1000} s` : e.stderr?.trim() || e.stdout?.trim() || e.message;
    throw new Error(`docker ${args.join(' ')} failed: ${why}`);
  }
}

export async function dockerJson<T>(args: string[], env?: NodeJS.ProcessEnv): Promise<T> {
  return JSON.parse(await docker(args, env)) as T;
}

/**
 * Names everything a test creates with one unique prefix, and removes exactly
 * those objects afterwards: tests never touch what they did not create.
 */
export class TestObjects {
  readonly prefix: string;

  constructor(
    label: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.prefix = `ptl-${label}-${randomBytes(3).toString('hex')}`;
  }

  name(suffix: string): string {
    return `${this.prefix}-${suffix}`;
  }

  docker(args: string[]): Promise<string> {
    return docker(args, this.env);
  }

  /** A running container that only sleeps, on the given network (default bridge when omitted). */
  async sleeper(suffix: string, extra: string[] = []): Promise<string> {
    return this.docker(['run', '-d', '--name', this.name(suffix), ...extra, TEST_IMAGE, 'sleep', '1000000']);
  }

  async cleanup(): Promise<void> {
    const containers = (await this.docker(['ps', '-aq', '--no-trunc', '--filter', `name=^/${this.prefix}-`])).split('\n').filter(Boolean);
    // Leaving our networks before the containers go avoids a Docker 20.10 race that strands endpoints.
    for (const id of containers) {
      const nets = (await this.docker(['inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', id]).catch(() => '')).split(
        ' ',
      );
      for (const net of nets.filter((n) => n.startsWith(`${this.prefix}-`)))
        await this.docker(['network', 'disconnect', '-f', net, id]).catch(() => undefined);
    }
    if (containers.length) await this.docker(['rm', '-f', '-v', ...containers]);
    const networks = (await this.docker(['network', 'ls', '-q', '--no-trunc', '--filter', `name=^${this.prefix}-`])).split('\n').filter(Boolean);
    // The Engine releases a removed container's endpoints a moment after `rm -f` returns.
    for (const network of networks) {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.docker(['network', 'rm', network]);
          break;
        } catch (err) {
          const message = (err as Error).message;
          if (/not found/.test(message)) break;
          if (!/active endpoints/.test(message)) throw err;
          if (attempt >= 20) {
            // A Docker 20.10 libnetwork race can leave a stale endpoint that only a daemon restart clears.
            console.warn(`test cleanup: could not remove ${network}: ${message}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }
    // Images tagged with the prefix (pushed to and pulled from a test's registry), untagged; their layers go with the last tag.
    const images = (await this.docker(['images', '--format', '{{.Repository}}:{{.Tag}}']))
      .split('\n')
      .filter((ref) => ref.includes(`/${this.prefix}`) && !ref.endsWith(':<none>'));
    if (images.length) await this.docker(['rmi', '-f', ...images]).catch((err: Error) => console.warn(`test cleanup: ${err.message}`));
  }
}

/**
 * Polls a condition until it holds or the time is up; returns the first truthy value. A check that never
 * settles (a fetch to a port that accepts and never answers) fails at the deadline too, naming what it waited for.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 2000, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (its last check had not answered)`)),
      timeoutMs + everyMs,
    );
  });
  try {
    for (;;) {
      const last = await Promise.race([check(), outOfTime]);
      if (last) return last as NonNullable<T>;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  } finally {
    clearTimeout(timer);
  }
}
