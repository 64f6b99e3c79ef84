import { describe, expect, it } from 'vitest';
import { findImage, imageRegistry, removalOf } from './images';

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

const ID = `sha256:78acb51df4d7${'0'.repeat(52)}`;
const busybox = { id: ID, tags: ['portolan/busybox:test', '127.0.0.1:5000/lesson/busybox:1'] };
const app = { id: `sha256:${'1'.repeat(64)}`, tags: ['app:latest'] };

describe('findImage', () => {
  it('finds an image by any of its tags, a bare name as :latest, or its id whole or short', () => {
    const images = [busybox, app];
    expect(findImage(images, '127.0.0.1:5000/lesson/busybox:1')).toBe(busybox);
    expect(findImage(images, 'app')).toBe(app);
    expect(findImage(images, '78acb51df4d7')).toBe(busybox);
    expect(findImage(images, ID)).toBe(busybox);
    expect(findImage(images, 'portolan/busybox')).toBeUndefined();
    expect(findImage(images, '127.0.0.1:5000/lesson/busybox')).toBeUndefined();
  });
});

describe('removalOf', () => {
  it('says docker rmi of one name among several leaves the image, with the names that stay', () => {
    expect(removalOf(busybox, '127.0.0.1:5000/lesson/busybox:1')).toEqual({ outcome: 'untag', stays: ['portolan/busybox:test'] });
  });

  it('says the image goes with its last name, or by id when it has one name at most', () => {
    expect(removalOf(app, 'app')).toEqual({ outcome: 'delete', stays: [] });
    expect(removalOf(app, '111111111111')).toEqual({ outcome: 'delete', stays: [] });
    expect(removalOf({ tags: [] }, '111111111111')).toEqual({ outcome: 'delete', stays: [] });
  });

  it('says the Engine refuses an id that several names share', () => {
    expect(removalOf(busybox, '78acb51df4d7')).toEqual({ outcome: 'refused', stays: busybox.tags });
  });
});
