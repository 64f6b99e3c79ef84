import { imageRegistry, type ImageSummary } from '../../lib/images';
import type { Engine } from './engine';

export async function listImages(engine: Engine): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([engine.docker.listImages({ all: false }), engine.docker.listContainers({ all: true })]);
  const uses = new Map<string, number>();
  for (const c of containers) uses.set(c.ImageID, (uses.get(c.ImageID) ?? 0) + 1);
  return images
    .map((i) => ({
      id: i.Id,
      tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      size: i.Size,
      registry: imageRegistry(i.RepoDigests ?? []),
      createdAt: new Date(i.Created * 1000).toISOString(),
      containers: uses.get(i.Id) ?? 0,
      unused: !uses.has(i.Id),
    }))
    .sort((a, b) => (a.tags[0] ?? a.id).localeCompare(b.tags[0] ?? b.id));
}

/** Local images by tag, size and digest, for the lessons: one Engine request, made only when an image event says they changed. */
export async function imageTags(engine: Engine): Promise<{ tags: string[]; size: number; digests: string[] }[]> {
  return (await engine.docker.listImages({ all: false })).map((i) => ({
    tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    size: i.Size,
    digests: (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>')),
  }));
}
