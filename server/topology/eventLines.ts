import type { Readable } from 'node:stream';

/** Splits the Engine's /events stream, newline-delimited JSON in arbitrary chunks, into parsed events. */
export async function* eventLines<T>(stream: Readable): AsyncGenerator<T> {
  let buffer = '';
  // Decodes across chunks: a chunk may end inside a multi-byte character.
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Buffer, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
}
