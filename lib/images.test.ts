import { describe, expect, it } from 'vitest';
import { registryOf } from './images';

describe('registryOf', () => {
  it('calls an image never pulled or pushed local only', () => {
    expect(registryOf([])).toBe('local only');
  });

  it('tells Docker Hub from another registry by the first part of the digest reference', () => {
    expect(registryOf(['nginx@sha256:abc'])).toBe('Docker Hub');
    expect(registryOf(['library/nginx@sha256:abc'])).toBe('Docker Hub');
    expect(registryOf(['ghcr.io/acme/app@sha256:abc'])).toBe('ghcr.io');
    expect(registryOf(['registry.example:5000/app@sha256:abc'])).toBe('registry.example:5000');
    expect(registryOf(['localhost/app@sha256:abc'])).toBe('localhost');
  });
});
