import { rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * An engine a test can stop for real without stopping a daemon others share: a unix socket that pipes every
 * connection to a real engine's socket. `close()` ends the connections it carries (the event stream with them) and
 * removes the socket, as a daemon that stops does; `open()` brings it back on the same path.
 */
export class SocketProxy {
  private server: Server | null = null;
  private readonly carried = new Set<Socket>();

  constructor(
    /** The socket Portolan is given, e.g. /tmp/ptl-lab.sock (endpoint unix:///tmp/ptl-lab.sock). */
    readonly path: string,
    /** The engine's own socket, e.g. /var/run/docker.sock. */
    private readonly target: string,
  ) {}

  get endpoint(): string {
    return `unix://${this.path}`;
  }

  async open(): Promise<void> {
    if (this.server) return;
    rmSync(this.path, { force: true });
    const server = createServer((client) => {
      const engine = createConnection(this.target);
      this.carried.add(client).add(engine);
      const end = () => {
        client.destroy();
        engine.destroy();
        this.carried.delete(client);
        this.carried.delete(engine);
      };
      client.on('error', end).on('close', end);
      engine.on('error', end).on('close', end);
      client.pipe(engine).pipe(client);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.path, resolve));
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.carried) socket.destroy();
    this.carried.clear();
    await closed;
    rmSync(this.path, { force: true });
  }
}
