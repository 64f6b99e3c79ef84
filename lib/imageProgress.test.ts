import { describe, expect, it } from 'vitest';
import { applyLine, lineError, startTransfer, summarize, type ProgressLine, type TransferKind } from './imageProgress';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const fold = (kind: TransferKind, lines: ProgressLine[]) => lines.reduce(applyLine, startTransfer(kind));

describe('a pull, line by line', () => {
  it('knows nothing of layers before the Engine names them: no percentage yet', () => {
    const state = fold('pull', [{ status: 'Pulling from lesson/busybox', id: '1' }]);
    expect(summarize(state)).toEqual({ status: 'Pulling from lesson/busybox', layers: { done: 0, total: 0 } });
  });

  it('counts bytes downloaded over the layers whose size is known, and weighs download before extraction', () => {
    const state = fold('pull', [
      { status: 'Pulling fs layer', id: A, progressDetail: {} },
      { status: 'Pulling fs layer', id: B, progressDetail: {} },
      { status: 'Downloading', id: A, progressDetail: { current: 500, total: 1000 } },
      { status: 'Already exists', id: B },
    ]);
    expect(summarize(state)).toMatchObject({ status: 'Already exists', current: 500, total: 1000, layers: { done: 1, total: 2 }, percent: 67 });

    const extracting = fold('pull', [
      ...[{ status: 'Already exists', id: B }],
      { status: 'Extracting', id: A, progressDetail: { current: 1000, total: 1000 } },
    ]);
    expect(summarize(extracting).percent).toBe(100);
    const half = fold('pull', [{ status: 'Extracting', id: A, progressDetail: { current: 500, total: 1000 } }]);
    expect(summarize(half).percent).toBe(85);
  });

  it('a layer complete counts its bytes all moved, and lines about the image keep the layers as they were', () => {
    const state = fold('pull', [
      { status: 'Downloading', id: A, progressDetail: { current: 10, total: 1000 } },
      { status: 'Pull complete', id: A, progressDetail: {} },
      { status: 'Digest: sha256:abc' },
      { status: 'Status: Downloaded newer image for 127.0.0.1:5000/x:1' },
    ]);
    expect(summarize(state)).toMatchObject({
      status: 'Status: Downloaded newer image for 127.0.0.1:5000/x:1',
      current: 1000,
      layers: { done: 1, total: 1 },
      percent: 100,
    });
  });

  it('gives no percentage while the Engine only names layers it has already, then counts them in', () => {
    const named = fold('pull', [{ status: 'Already exists', id: B, progressDetail: {} }]);
    expect(summarize(named).percent).toBeUndefined();
    expect(summarize(applyLine(named, { status: 'Pulling fs layer', id: A, progressDetail: {} })).percent).toBe(50);
  });

  it('says 100% when the stream ended well, even if no layer had to move', () => {
    expect(summarize(fold('pull', [{ status: 'Status: Image is up to date for x:1' }]), true).percent).toBe(100);
  });
});

describe('a push, line by line', () => {
  it('moves from Preparing through Pushing to Pushed, or Layer already exists', () => {
    const state = fold('push', [
      { status: 'The push refers to repository [127.0.0.1:5000/x]' },
      { status: 'Preparing', id: A, progressDetail: {} },
      { status: 'Preparing', id: B, progressDetail: {} },
      { status: 'Layer already exists', id: B, progressDetail: {} },
      { status: 'Pushing', id: A, progressDetail: { current: 250, total: 1000 } },
    ]);
    expect(summarize(state)).toMatchObject({ layers: { done: 1, total: 2 }, current: 250, total: 1000, percent: 62 });
    expect(summarize(applyLine(state, { status: 'Pushed', id: A, progressDetail: {} })).percent).toBe(100);
  });
});

describe('lineError', () => {
  it('reads the Engine’s words from an error line, and nothing from a progress line', () => {
    expect(lineError({ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' })).toBe('manifest unknown');
    expect(lineError({ error: 'denied' })).toBe('denied');
    expect(lineError({ status: 'Pushed', id: A })).toBeNull();
  });
});
