import { registryName, registryOf } from './imageReference';

/** What `GET /api/images` answers for each image. */
export interface ImageSummary {
  id: string;
  tags: string[];
  /** Bytes, as the Engine reports them. */
  size: number;
  /** "Docker Hub", another registry's host, or "local only" when it was never pulled or pushed. */
  registry: string;
  createdAt: string;
  containers: number;
  unused: boolean;
}

/** Where an image came from, by the registry its digest names: no digest means it was never pulled or pushed. */
export function imageRegistry(repoDigests: readonly string[]): string {
  const ref = repoDigests[0];
  return ref ? registryName(registryOf(ref)) : 'local only';
}

/** The local image a reference names: by a tag (`busybox` is `busybox:latest`, as docker reads it) or by its id, whole or short. */
export function findImage<I extends Pick<ImageSummary, 'id' | 'tags'>>(images: readonly I[], ref: string): I | undefined {
  const name = ref.trim();
  const hex = name.replace(/^sha256:/, '');
  return (
    images.find((i) => i.tags.includes(name) || (!/:[^/]*$/.test(name) && i.tags.includes(`${name}:latest`))) ??
    (/^[0-9a-f]{12,64}$/.test(hex) ? images.find((i) => i.id.replace(/^sha256:/, '').startsWith(hex)) : undefined)
  );
}

/**
 * What `docker rmi REF` does to the image: by one of several names, that name goes and the image stays; by its last
 * name, or by id when it has at most one, the image goes; by id while several names share it, the Engine refuses.
 */
export function removalOf(image: Pick<ImageSummary, 'tags'>, ref: string): { outcome: 'untag' | 'delete' | 'refused'; stays: string[] } {
  const byName = image.tags.find((t) => t === ref || t === `${ref}:latest`);
  const stays = image.tags.filter((t) => t !== byName);
  if (byName) return { outcome: stays.length ? 'untag' : 'delete', stays };
  return image.tags.length > 1 ? { outcome: 'refused', stays } : { outcome: 'delete', stays: [] };
}
