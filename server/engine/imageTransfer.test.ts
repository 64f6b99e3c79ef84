import { describe, expect, it } from 'vitest';
import { transferHint } from './imageTransfer';

// The Engine's words as 20.10 and 26.1 write them; only their stable parts are read.
describe('transferHint', () => {
  it.each([
    [
      'unknown host',
      'pull',
      'registry.invalid/app:1',
      'Get "https://registry.invalid/v2/": dial tcp: lookup registry.invalid on 10.0.0.2:53: no such host',
      'cannot find the host registry.invalid',
    ],
    [
      'refused',
      'pull',
      '127.0.0.1:5000/app:1',
      'Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
      'docker run -d -p 127.0.0.1:5000:5000 --name registry registry:2',
    ],
    [
      'refused elsewhere',
      'push',
      'registry.example:5000/app:1',
      'dial tcp 10.1.2.3:5000: connect: connection refused',
      'start the registry at registry.example:5000',
    ],
    [
      'not found',
      'pull',
      '127.0.0.1:5000/app:2',
      'manifest for 127.0.0.1:5000/app:2 not found: manifest unknown: manifest unknown',
      '127.0.0.1:5000 has no 127.0.0.1:5000/app:2',
    ],
    [
      'not found on Docker Hub',
      'pull',
      'nosuch/app',
      "pull access denied for nosuch/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      'Docker Hub wants a login',
    ],
    [
      'unauthorized',
      'push',
      'ghcr.io/acme/app:1',
      'unauthorized: authentication required',
      'docker login ghcr.io, then docker push ghcr.io/acme/app:1',
    ],
    [
      'no local tag',
      'push',
      '127.0.0.1:5000/app:1',
      'An image does not exist locally with the tag: 127.0.0.1:5000/app',
      'docker tag SOURCE 127.0.0.1:5000/app:1',
    ],
    [
      'plain HTTP elsewhere',
      'pull',
      '10.0.0.5:5000/app',
      'Get "https://10.0.0.5:5000/v2/": http: server gave HTTP response to HTTPS client',
      'insecure-registries',
    ],
  ] as const)('%s: adds what to do next', (_what, kind, image, message, hint) => {
    expect(transferHint(kind, image, message)).toContain(hint);
  });

  it('adds nothing to a push failure it cannot read: the Engine’s words stand alone', () => {
    expect(transferHint('push', '127.0.0.1:5000/app:1', 'something else entirely')).toBeUndefined();
  });
});
