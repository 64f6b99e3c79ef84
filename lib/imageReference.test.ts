import { describe, expect, it } from 'vitest';
import { parseReference, registryName, registryOf, repositoryAndTag } from './imageReference';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('registryOf', () => {
  it.each([
    ['busybox', 'docker.io'],
    ['busybox:1.36', 'docker.io'],
    ['library/busybox', 'docker.io'],
    ['portolan/busybox:test', 'docker.io'],
    [`nginx@${DIGEST}`, 'docker.io'],
    ['127.0.0.1:5000/lesson/busybox:1', '127.0.0.1:5000'],
    ['localhost/app', 'localhost'],
    ['localhost:5000/app:2', 'localhost:5000'],
    ['ghcr.io/x/y:tag', 'ghcr.io'],
    [`registry.example.com/team/app@${DIGEST}`, 'registry.example.com'],
    [`registry.example.com:443/team/app:1@${DIGEST}`, 'registry.example.com:443'],
    ['[::1]:5000/app', '[::1]:5000'],
  ])('%s comes from %s', (reference, registry) => {
    expect(registryOf(reference)).toBe(registry);
  });

  it('names Docker Hub in words and every other registry by its host', () => {
    expect(registryName(registryOf('busybox'))).toBe('Docker Hub');
    expect(registryName(registryOf('127.0.0.1:5000/app'))).toBe('127.0.0.1:5000');
  });
});

describe('parseReference', () => {
  it('splits a reference into registry, repository, tag and digest', () => {
    expect(parseReference('127.0.0.1:5000/lesson/busybox:1')).toEqual({ registry: '127.0.0.1:5000', repository: 'lesson/busybox', tag: '1' });
    expect(parseReference(`busybox:1.36@${DIGEST}`)).toEqual({ registry: 'docker.io', repository: 'busybox', tag: '1.36', digest: DIGEST });
    expect(parseReference('localhost:5000/app')).toEqual({ registry: 'localhost:5000', repository: 'app' });
  });

  it.each([
    ['', /name an image/],
    ['Busybox', /lowercase/],
    ['busybox:', /not a tag/],
    ['busybox:-x', /not a tag/],
    ['team//app', /empty parts/],
    ['app/', /empty parts/],
    ['busybox@sha256:xyz', /not a digest/],
    ['127.0.0.1:5000:1/app', /not a registry host/],
    ['busybox; rm -rf /', /not a (tag|repository)/],
    ['a'.repeat(256), /at most 255/],
  ])('refuses %j, saying what to fix', (reference, why) => {
    const parsed = parseReference(reference);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(why);
  });
});

describe('repositoryAndTag', () => {
  it.each([
    ['127.0.0.1:5000/lesson/busybox:1', '127.0.0.1:5000/lesson/busybox', '1'],
    ['localhost:5000/app', 'localhost:5000/app', 'latest'],
    ['busybox', 'busybox', 'latest'],
    ['portolan/busybox:test', 'portolan/busybox', 'test'],
  ])('%s is %s tagged %s, as docker tag and docker push read it', (reference, repository, tag) => {
    expect(repositoryAndTag(reference)).toEqual({ repository, tag });
  });
});
