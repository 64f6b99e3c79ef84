import { DOCKER_HUB, registryOf } from '../../lib/imageReference';
import { ageOf, bySizeDesc, imageLabel, megabytes, type ImageSummary } from './auditView';

interface ImageActions {
  onPush?: (tag: string) => void;
  /** Opens docker tag on the image, by its first tag or its id. */
  onTag?: (source: string) => void;
  /** Opens docker rmi on the image, by its first tag or its id; the dialog offers its other names. */
  onRemove?: (image: string) => void;
}

/**
 * A bar per image, largest first, so that what to slim down or remove stands out;
 * a tag named for a registry other than Docker Hub can be pushed there; any image can be tagged and removed.
 */
export function ImageSizes({ images, now, onPush, onTag, onRemove }: { images: readonly ImageSummary[]; now: number } & ImageActions) {
  if (images.length === 0) return <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">No images on this engine.</p>;
  const sorted = bySizeDesc(images);
  const largest = Math.max(1, sorted[0]?.size ?? 1);
  return (
    <ul className="space-y-3 px-4 py-3" aria-label="Image sizes, largest first">
      {sorted.map((i) => {
        const label = imageLabel(i);
        // An untagged image is named by its short id, as docker images shows it.
        const name = i.tags[0] ?? i.id.replace(/^sha256:/, '').slice(0, 12);
        const pushable = onPush ? i.tags.filter((tag) => registryOf(tag) !== DOCKER_HUB) : [];
        return (
          <li
            key={i.id}
            data-testid="image-bar"
            data-size={i.size}
            data-unused={i.unused}
            data-tag={i.tags[0] ?? ''}
            data-tags={i.tags.join(' ')}
            title={i.tags.length > 1 ? i.tags.join('\n') : undefined}
          >
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="min-w-0 truncate font-mono text-[0.8125rem]">
                {label}
                {i.tags.length > 1 && <span className="ml-1 font-sans text-xs text-slate-500 dark:text-slate-400">+{i.tags.length - 1} tags</span>}
              </span>
              <span className="shrink-0 font-semibold tabular-nums">{megabytes(i.size)}</span>
            </div>
            <div className="mt-1 h-3 overflow-hidden rounded-sm bg-slate-100 dark:bg-slate-800" aria-hidden>
              <div
                className={`h-full rounded-sm ${i.unused ? 'bg-slate-400 dark:bg-slate-500' : 'bg-sky-500 dark:bg-sky-400'}`}
                style={{ width: `max(${((i.size / largest) * 100).toFixed(2)}%, 3px)` }}
              />
            </div>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
              <span data-testid="image-registry">{i.registry}</span>
              <span aria-hidden>·</span>
              <time dateTime={i.createdAt}>{ageOf(i.createdAt, now)}</time>
              <span aria-hidden>·</span>
              {i.unused ? (
                <span className="rounded bg-amber-100 px-1.5 font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">unused</span>
              ) : (
                <span>
                  {i.containers} container{i.containers === 1 ? '' : 's'}
                </span>
              )}
              {(pushable.length > 0 || onTag || onRemove) && (
                // The image's actions keep together, at the line's end, and wrap as one.
                <span className="ml-auto flex gap-1">
                  {pushable.map((tag) => (
                    <button
                      key={tag}
                      type="button"
                      onClick={() => onPush?.(tag)}
                      aria-label={`Push ${tag}`}
                      title={`docker push ${tag}`}
                      className={ACTION}
                    >
                      Push{pushable.length > 1 ? ` ${tag.slice(tag.lastIndexOf(':') + 1)}` : ''}
                    </button>
                  ))}
                  {onTag && (
                    <button type="button" onClick={() => onTag(name)} aria-label={`Tag ${name}`} title={`docker tag ${name} …`} className={ACTION}>
                      Tag
                    </button>
                  )}
                  {onRemove && (
                    <button
                      type="button"
                      onClick={() => onRemove(name)}
                      aria-label={`Remove ${name}`}
                      title={`docker rmi ${name}`}
                      className={`${ACTION} hover:border-red-400 hover:text-red-800 dark:hover:text-red-300`}
                    >
                      Remove
                    </button>
                  )}
                </span>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

const ACTION =
  'rounded border border-slate-300 px-1.5 font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800';
