import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './api';

const run = promisify(execFile);

async function keyPair(file: string): Promise<string> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'portolan-test', '-f', file]);
  return fs.readFileSync(`${file}.pub`, 'utf8').trim();
}

/**
 * An sshd of the test's own on a free loopback port: its own host key, and
 * one authorized key the test made. It runs in the foreground as a child of
 * the test, so stop() ends it; sessions end with their clients.
 */
export class TestSshd {
  readonly dir: string;
  port = 0;
  /** The public half of the key this sshd accepts; its private half is `${dir}/client`. */
  clientKey = '';
  hostKey = '';
  private daemon: ChildProcess | null = null;
  private strangers = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cn-sshd-'));
  }

  async start(): Promise<void> {
    this.hostKey = await keyPair(path.join(this.dir, 'host'));
    this.clientKey = await keyPair(path.join(this.dir, 'client'));
    fs.writeFileSync(path.join(this.dir, 'authorized_keys'), `${this.clientKey}\n`, { mode: 0o600 });
    this.port = await freePort();
    // sshd's privilege separation needs this empty directory; a packaged sshd makes it when its service starts.
    fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const config = path.join(this.dir, 'sshd_config');
    fs.writeFileSync(
      config,
      [
        `Port ${this.port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${path.join(this.dir, 'host')}`,
        `AuthorizedKeysFile ${path.join(this.dir, 'authorized_keys')}`,
        `PidFile ${path.join(this.dir, 'sshd.pid')}`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        // The test's files live under /tmp, which sshd's ownership checks would refuse.
        'StrictModes no',
        'UseDNS no',
        'LogLevel VERBOSE',
      ].join('\n') + '\n',
    );
    const log = fs.openSync(path.join(this.dir, 'sshd.log'), 'a');
    this.daemon = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const deadline = Date.now() + 20_000;
    while (!(await answers(this.port))) {
      if (this.daemon.exitCode !== null || Date.now() > deadline) throw new Error(`the test's sshd did not start:\n${this.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A home folder whose ~/.ssh holds `key` (default: the accepted one) and a known_hosts line for this sshd. */
  home(name: string, { key = path.join(this.dir, 'client'), hostKey = this.hostKey } = {}): string {
    const ssh = path.join(this.dir, name, '.ssh');
    fs.mkdirSync(ssh, { recursive: true, mode: 0o700 });
    fs.copyFileSync(key, path.join(ssh, 'id_ed25519'));
    fs.chmodSync(path.join(ssh, 'id_ed25519'), 0o600);
    fs.writeFileSync(path.join(ssh, 'known_hosts'), `[127.0.0.1]:${this.port} ${hostKey.split(' ').slice(0, 2).join(' ')}\n`);
    return path.dirname(ssh);
  }

  /** A key pair this sshd does not accept, its private half's path. */
  async strangerKey(): Promise<{ file: string; publicKey: string }> {
    const file = path.join(this.dir, `stranger-${++this.strangers}`);
    return { file, publicKey: await keyPair(file) };
  }

  async stop(): Promise<void> {
    const daemon = this.daemon;
    this.daemon = null;
    if (daemon && daemon.exitCode === null) {
      const exited = new Promise((r) => daemon.once('exit', r));
      daemon.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'sshd.log'), 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
