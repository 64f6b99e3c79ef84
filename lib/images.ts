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
