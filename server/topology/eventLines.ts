import type { Readable } from 'node:stream';

/** Splits the Engine's /events stream, newline-delimited JSON in arbitrary chunks, into parsed events. */
export async function* eventLines<T>(stream: Readable): AsyncGenerator<T> {
  let buffer = '';
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
}
