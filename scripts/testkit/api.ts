import net from 'node:net';
import type { ApiErrorBody } from '../../lib/apiError';

/** An answer from Portolan's HTTP API: the status and the parsed JSON body. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** What a failing call answers with: the API's one error shape. */
export type ErrorAnswer = Answer<ApiErrorBody>;

/**
 * Calls Portolan's JSON API as its own page does: mutations carry Portolan's
 * Origin and Content-Type application/json, or the security gate refuses them.
 */
export class PortolanApi {
  constructor(readonly url: string) {}

  async get<T = Record<string, unknown>>(path: string): Promise<Answer<T>> {
    return this.send<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.send<T>('POST', path, body);
  }

  put<T = Record<string, unknown>>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.send<T>('PUT', path, body);
  }

  delete<T = Record<string, unknown>>(path: string): Promise<Answer<T>> {
    return this.send<T>('DELETE', path);
  }

  /** A call with a body exactly as given (a string is sent as is), and headers the test may change. */
  async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const mutation = method !== 'GET';
    const res = await fetch(new URL(path, this.url), {
      method,
      headers: { ...(mutation ? { Origin: this.url, 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on at this moment. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const handedOut = new Set<string>();

/**
 * A /24 in 10.200–249.x, away from the Engine's default pools (172.17–31,
 * 192.168) and random so that parallel runs do not meet; `prefix` is its first
 * three octets, for addresses inside it.
 */
export function testSubnet(): { subnet: string; prefix: string } {
  for (;;) {
    const prefix = `10.${200 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 256)}`;
    if (handedOut.has(prefix)) continue;
    handedOut.add(prefix);
    return { subnet: `${prefix}.0/24`, prefix };
  }
}
