import { describe, expect, it } from 'vitest';
import { removeHint, tagHint, userOf } from './images';

// The Engine's words, as 20.10 and 26.1 both say them (read back in images.int.test.ts against each).
const LAST_TAG_IN_USE =
  'conflict: unable to remove repository reference "portolan/app:1" (must force) - container 520a8fc687ee is using its referenced image 28f7b267dc68';
const RUNNING = 'conflict: unable to delete 28f7b267dc68 (cannot be forced) - image is being used by running container 655fe3b20db3';
const SEVERAL = 'conflict: unable to delete 78acb51df4d7 (must be forced) - image is referenced in multiple repositories';

describe('userOf', () => {
  it('reads the container an image removal was refused for', () => {
    expect(userOf(LAST_TAG_IN_USE)).toBe('520a8fc687ee');
    expect(userOf(RUNNING)).toBe('655fe3b20db3');
    expect(userOf(SEVERAL)).toBeNull();
    expect(userOf('No such image: portolan/app:1')).toBeNull();
  });
});

describe('removeHint', () => {
  it('names the container that uses the image and the docker rm to run first, never a force', () => {
    expect(removeHint('portolan/app:1', 'web')(LAST_TAG_IN_USE, 409)).toBe(
      'The container web uses it: remove that container first (docker rm --force web), then the image. Portolan never forces an image out from under a container.',
    );
    // Without its name, by the Engine's short id.
    expect(removeHint('28f7b267dc68')(RUNNING, 409)).toContain('The container 655fe3b20db3 uses it');
  });

  it('says to remove several tags one by one, children first, and where to look for one that is gone', () => {
    expect(removeHint('78acb51df4d7')(SEVERAL, 409)).toBe(
      'Several tags name 78acb51df4d7: remove them one by one (docker rmi TAG); the image goes with the last of them.',
    );
    expect(removeHint('base:1')('conflict: unable to delete 78acb51df4d7 (cannot be forced) - image has dependent child images', 409)).toBe(
      'Other images are built on base:1: remove them first, then this one.',
    );
    expect(removeHint('gone:1')('No such image: gone:1', 404)).toContain('it may have been removed already');
    expect(removeHint('x:1')('something else', 500)).toBeUndefined();
  });
});

describe('tagHint', () => {
  it('says to pull a source that is not here, and how to write a name', () => {
    expect(tagHint('app:1')('No such image: app:1', 404)).toBe(
      'There is no local image app:1: pull it first, or tag one of the images the images view lists.',
    );
    expect(tagHint('app:1')('invalid reference format: repository name must be lowercase', 400)).toContain('[REGISTRY/]REPOSITORY[:TAG]');
  });
});
