import { describe, expect, it } from 'vitest';
import { imageRegistry } from './images';

describe('imageRegistry', () => {
  it('calls an image never pulled or pushed local only', () => {
    expect(imageRegistry([])).toBe('local only');
  });

  it('tells Docker Hub from another registry by the first part of the digest reference', () => {
    expect(imageRegistry(['nginx@sha256:' + 'a'.repeat(64)])).toBe('Docker Hub');
    expect(imageRegistry(['library/nginx@sha256:' + 'a'.repeat(64)])).toBe('Docker Hub');
    expect(imageRegistry(['ghcr.io/acme/app@sha256:' + 'a'.repeat(64)])).toBe('ghcr.io');
    expect(imageRegistry(['registry.example:5000/app@sha256:' + 'a'.repeat(64)])).toBe('registry.example:5000');
    expect(imageRegistry(['127.0.0.1:5000/lesson/busybox@sha256:' + 'a'.repeat(64)])).toBe('127.0.0.1:5000');
    expect(imageRegistry(['localhost/app@sha256:' + 'a'.repeat(64)])).toBe('localhost');
  });
});
