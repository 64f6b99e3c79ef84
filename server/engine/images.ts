import { ApiError } from '../../lib/apiError';
import { containerCommand, removeImageCommand, tagCommand } from '../../lib/dockerCommand';
import { imageRegistry, type ImageSummary } from '../../lib/images';
import { repositoryAndTag } from '../../lib/imageReference';
import type { ImageTag } from '../../lib/schemas';
import { findByRef, type Topology } from '../../lib/topology';
import type { Engine } from './engine';
import { engineError } from './errors';
import type { Done } from './networkActions';

export async function listImages(engine: Engine): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([engine.listImages(), engine.listContainers()]);
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
  return (await engine.listImages()).map((i) => ({
    tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    size: i.Size,
    digests: (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>')),
  }));
}

/** The image id a reference names here, or null when the Engine has none by that name. */
async function imageId(engine: Engine, ref: string): Promise<string | null> {
  return engine.inspectImage(ref).then(
    (i) => i.Id,
    (err: { statusCode?: number }) => {
      if (err.statusCode === 404) return null;
      throw err;
    },
  );
}

/**
 * `docker tag SOURCE TARGET`: one more name for the same image. A target that
 * named another image moves to this one, as the CLI moves it without a word;
 * the answer says so, and says when nothing changed.
 */
export async function tagImage(engine: Engine, { source, target }: ImageTag): Promise<Done> {
  const command = tagCommand(source, target);
  try {
    const [id, before] = await Promise.all([imageId(engine, source), imageId(engine, target)]);
    // The Engine's own refusal, with its words: asking it is what the CLI does too.
    if (id === null) await engine.inspectImage(source);
    if (before === id) return { command, id, target, unchanged: true, message: `${target} already names this image` };
    const { repository, tag } = repositoryAndTag(target);
    await engine.tagImage(source, repository, tag);
    return { command, id, target, ...(before ? { moved: before, message: `${target} named the image ${shortId(before)} before` } : {}) };
  } catch (err) {
    throw withHeadline(engineError(err, engine.endpoint, tagHint(source)), `${target} was not tagged: the Engine refused.`);
  }
}

export const tagHint = (source: string) => (message: string, status: number) => {
  if (status === 404 || /no such image/i.test(message))
    return `There is no local image ${source}: pull it first, or tag one of the images the images view lists.`;
  if (/invalid reference format|repository name/i.test(message))
    return 'Write the new name as [REGISTRY/]REPOSITORY[:TAG] in lowercase, e.g. 127.0.0.1:5000/team/app:1.';
  return undefined;
};

/**
 * `docker rmi IMAGE`, never forced: a tag is removed, and the image with its
 * last tag. The Engine refuses while a container uses an image's last tag, and
 * the hint names that container; Portolan removes it only when asked to.
 */
export async function removeImage(engine: Engine, topology: Topology, image: string): Promise<Done> {
  try {
    const answer = await engine.removeImage(image);
    return {
      command: removeImageCommand(image),
      untagged: answer.flatMap((a) => (a.Untagged ? [a.Untagged] : [])),
      deleted: answer.flatMap((a) => (a.Deleted ? [a.Deleted] : [])),
    };
  } catch (err) {
    // The container the Engine names by a short id, by its name: one the picture may not hold yet (created a moment ago).
    const user = userOf((err as { json?: { message?: string } }).json?.message ?? '');
    const name = user && (findByRef(topology.containers, user)?.name ?? (await engine.container(user).catch(() => null))?.name);
    throw withHeadline(engineError(err, engine.endpoint, removeHint(image, name || undefined)), `${image} was not removed: the Engine refused.`);
  }
}

/** The container an Engine's refusal to remove an image names, by its short id. */
export function userOf(message: string): string | null {
  return /is using its referenced image|is being used by/.test(message) ? (/container ([0-9a-f]{12,64})/.exec(message)?.[1] ?? null) : null;
}

/**
 * What to do when the Engine keeps an image, read from its words (the same in
 * 20.10 and 26.1): "unable to remove repository reference … container 520a8fc687ee
 * is using its referenced image …", "image is being used by running container …",
 * "image is referenced in multiple repositories", "image has dependent child images",
 * "No such image: …". `container` is the name of the one it names.
 */
export const removeHint = (image: string, container?: string) => (message: string, status: number) => {
  const user = container ?? userOf(message);
  if (user)
    return `The container ${user} uses it: remove that container first (${containerCommand('rm', user)}), then the image. Portolan never forces an image out from under a container.`;
  if (/referenced in multiple repositories/.test(message))
    return `Several tags name ${image}: remove them one by one (docker rmi TAG); the image goes with the last of them.`;
  if (/dependent child images/.test(message)) return `Other images are built on ${image}: remove them first, then this one.`;
  if (status === 404 || /no such image/i.test(message))
    return `There is no image ${image} here: it may have been removed already; the images view lists what is here.`;
  return undefined;
};

/** A refusal says first what did not happen; the Engine's own words stay in `engine.message`, not repeated above them. */
function withHeadline(error: ApiError, headline: string): ApiError {
  return error.engine ? new ApiError(error.status, error.code, headline, error.hint, error.engine) : error;
}

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
