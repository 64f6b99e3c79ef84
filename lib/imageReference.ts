/**
 * Image references as Docker reads them (distribution's reference grammar):
 * `[registry/]path[:tag][@digest]`. The first part is a registry only when it
 * looks like a host: it has a `.` or a `:` (a port), or is `localhost`;
 * otherwise the image is Docker Hub's (`busybox` is `docker.io/library/busybox`).
 */

export const DOCKER_HUB = 'docker.io';

export interface ImageReference {
  /** The registry's host, with its port when given: `127.0.0.1:5000`, `ghcr.io`, `docker.io`. */
  registry: string;
  /** The path inside the registry, as written (`busybox`, `library/busybox`, `team/app`). */
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::[0-9]{1,5})?$/;

const looksLikeHost = (part: string) => part.includes('.') || part.includes(':') || part === 'localhost';

/** The reference's parts, or what to fix in it, in words. */
export function parseReference(input: string): ImageReference | { error: string } {
  const ref = input.trim();
  if (!ref) return { error: 'name an image, like busybox:1.36 or 127.0.0.1:5000/team/app:1' };
  if (ref.length > 255) return { error: 'an image reference is at most 255 characters' };
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { error: `"${digest}" is not a digest: write it as sha256: and 64 hex digits` };
  }
  const parts = rest.split('/');
  const registry = parts.length > 1 && looksLikeHost(parts[0]!) ? parts.shift()! : undefined;
  if (registry !== undefined && !HOST.test(registry))
    return { error: `"${registry}" is not a registry host: write a host name or address, with its port if not the default (127.0.0.1:5000)` };
  let tag: string | undefined;
  const last = parts[parts.length - 1]!;
  const colon = last.indexOf(':');
  if (colon >= 0) {
    tag = last.slice(colon + 1);
    parts[parts.length - 1] = last.slice(0, colon);
    if (!TAG.test(tag)) return { error: `"${tag}" is not a tag: letters, digits, "_", "." and "-", at most 128, not starting with "." or "-"` };
  }
  for (const part of parts) {
    if (!COMPONENT.test(part))
      return {
        error: part
          ? `"${part}" is not a repository name: lowercase letters and digits, separated by ".", "_" or "-"`
          : 'a repository name has no empty parts: check for a doubled or trailing "/"',
      };
  }
  return { registry: registry ?? DOCKER_HUB, repository: parts.join('/'), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export const isReference = (r: ImageReference | { error: string }): r is ImageReference => !('error' in r);

/**
 * A reference as the Engine's tag and push calls take it: the name before the
 * tag, and the tag (`latest` when none is written, as the docker CLI reads it).
 */
export function repositoryAndTag(reference: string): { repository: string; tag: string } {
  const ref = reference.trim();
  const parsed = parseReference(ref);
  const tag = isReference(parsed) && parsed.tag ? parsed.tag : 'latest';
  return { repository: ref.endsWith(`:${tag}`) ? ref.slice(0, -tag.length - 1) : ref, tag };
}

/** The registry an image reference names: `127.0.0.1:5000`, `ghcr.io`, or `docker.io` for a bare name. */
export function registryOf(reference: string): string {
  const parsed = parseReference(reference);
  return isReference(parsed) ? parsed.registry : DOCKER_HUB;
}

/** A registry host as people say it: Docker Hub for docker.io. */
export function registryName(host: string): string {
  return host === DOCKER_HUB || host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'Docker Hub' : host;
}
