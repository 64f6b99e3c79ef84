import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eventLines } from './eventLines';

async function collect(chunks: (string | Buffer)[]): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of eventLines(Readable.from(chunks))) events.push(event);
  return events;
}

const start = {
  status: 'start',
  id: '4f2a1c0b9e8d',
  from: 'nginx:1.27-alpine',
  Type: 'container',
  Action: 'start',
  Actor: {
    ID: '4f2a1c0b9e8d',
    Attributes: { image: 'nginx:1.27-alpine', name: 'web1' },
  },
  scope: 'local',
  time: 1718094663,
  timeNano: 1718094663120934000,
};
const connect = {
  Type: 'network',
  Action: 'connect',
  Actor: {
    ID: '9d1c3b5a7e9f',
    Attributes: { container: '4f2a1c0b9e8d', name: 'demo-net', type: 'bridge' },
  },
  scope: 'local',
  time: 1718094663,
  timeNano: 1718094663100000000,
};
const health = {
  Type: 'container',
  Action: 'health_status: healthy',
  Actor: {
    ID: '4f2a1c0b9e8d',
    Attributes: {
      name: 'web1',
      'org.opencontainers.image.authors': 'Jörg Müller – ops 🚢',
    },
  },
  scope: 'local',
  time: 1718094670,
};

const stream = [connect, start, health].map((e) => `${JSON.stringify(e)}\n`).join('');

describe('eventLines', () => {
  it('parses one event per line when each chunk is one line', async () => {
    expect(await collect([JSON.stringify(connect) + '\n', JSON.stringify(start) + '\n'])).toEqual([connect, start]);
  });

  it('parses several lines that arrive in one chunk', async () => {
    expect(await collect([stream])).toEqual([connect, start, health]);
  });

  it('parses lines split across arbitrary chunk boundaries', async () => {
    const chunks = [stream.slice(0, 7), stream.slice(7, 150), stream.slice(150, 151), stream.slice(151, 400), stream.slice(400)];
    expect(chunks.join('')).toBe(stream);
    expect(await collect(chunks)).toEqual([connect, start, health]);
  });

  it('gives the same events for every way of cutting the stream into two chunks', async () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(await collect([stream.slice(0, cut), stream.slice(cut)])).toEqual([connect, start, health]);
    }
  });

  it('parses a stream delivered one character at a time', async () => {
    expect(await collect([...stream])).toEqual([connect, start, health]);
  });

  it('parses Buffer chunks, even when a cut falls inside a multi-byte character', async () => {
    const bytes = Buffer.from(stream, 'utf8');
    const inside = bytes.indexOf(Buffer.from('ö')) + 1;
    const inEmoji = bytes.indexOf(Buffer.from('🚢')) + 2;
    const chunks = [bytes.subarray(0, inside), bytes.subarray(inside, inEmoji), bytes.subarray(inEmoji)];
    expect(await collect(chunks)).toEqual([connect, start, health]);
  });

  it('skips blank and whitespace-only lines, including CRLF endings', async () => {
    const text = `\n\n${JSON.stringify(connect)}\r\n   \n\t\n${JSON.stringify(start)}\n\n`;
    expect(await collect([text.slice(0, 5), text.slice(5)])).toEqual([connect, start]);
  });

  it('yields nothing for an empty stream or one with only newlines', async () => {
    expect(await collect([])).toEqual([]);
    expect(await collect(['\n', '\n\n'])).toEqual([]);
  });

  it('drops, without throwing, an event cut off when the stream ends mid-line', async () => {
    expect(await collect([`${JSON.stringify(connect)}\n`, JSON.stringify(start).slice(0, 30)])).toEqual([connect]);
  });

  it('yields events as lines complete, before the stream ends', async () => {
    const source = new Readable({ read() {} });
    const events = eventLines<typeof connect>(source);
    source.push(JSON.stringify(connect).slice(0, 20));
    source.push(JSON.stringify(connect).slice(20) + '\n');
    expect((await events.next()).value).toEqual(connect);
    source.push(null);
    expect((await events.next()).done).toBe(true);
  });

  it('throws on a line that is not JSON', async () => {
    await expect(collect([`${JSON.stringify(connect)}\n{"Type": "container", oops}\n`])).rejects.toThrow(SyntaxError);
  });
});
