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

export function registryOf(repoDigests: readonly string[]): string {
  const ref = repoDigests[0];
  if (!ref) return 'local only';
  const first = ref.split('/')[0] ?? '';
  return ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'Docker Hub';
}
