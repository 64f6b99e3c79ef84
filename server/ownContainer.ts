import { readFileSync } from 'node:fs';

/**
 * The id of the container this process runs in, read from its own mount table: Docker bind-mounts
 * `<data-root>/containers/<id>/hostname` on /etc/hostname in every container it starts. Not a name or a
 * label, which any container could copy: only Portolan's own process can see its own mounts.
 */
export function containerIdFromMountInfo(mountInfo: string): string | null {
  for (const line of mountInfo.split('\n')) {
    // mountinfo(5): id, parent, major:minor, root, mount point, ...
    const [, , , root, mountPoint] = line.split(' ');
    const id = mountPoint === '/etc/hostname' ? /\/containers\/([0-9a-f]{64})\/hostname$/.exec(root ?? '')?.[1] : undefined;
    if (id) return id;
  }
  return null;
}

let own: string | null | undefined;

/** Portolan's own container id, or null when it does not run in a Docker container. Read once. */
export function ownContainerId(): string | null {
  if (own === undefined) {
    try {
      own = containerIdFromMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
    } catch {
      own = null;
    }
  }
  return own;
}
