import net from 'node:net';

/** What came back on a raw connection: the status line's code, head and body as text, and whether the server closed it. */
export interface RawAnswer {
  status: number | null;
  head: string;
  body: string;
  closed: boolean;
}

/**
 * Writes `text` to the server behind `url` exactly as given (a request line
 * fetch would refuse to send, an upgrade nobody serves) and reads until the
 * server closes the connection or `timeoutMs` passes.
 */
export function rawExchange(url: string, text: string, timeoutMs = 3000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    let received = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const [head = '', body = ''] = splitOnce(received, '\r\n\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ status: status ? Number(status[1]) : null, head, body, closed });
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', () => socket.write(text));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('end', () => done(true));
    socket.on('close', () => done(true));
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
