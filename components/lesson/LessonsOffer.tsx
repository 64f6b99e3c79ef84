'use client';

import { useEffect, useState } from 'react';
import type { LessonListing } from '../../lib/lessons/view';
import { api } from '../api/client';
import { Button } from '../ui/Button';

/** A fresh Engine shows nothing but Docker's own networks: a newcomer is offered the lessons. */
export function LessonsOffer({ onOpen }: { onOpen: (id: string) => void }) {
  const [listing, setListing] = useState<LessonListing | null>(null);
  useEffect(() => {
    let live = true;
    api
      .lessons()
      .then((l) => live && setListing(l))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!listing || listing.lessons.length === 0) return null;
  return (
    <section
      aria-label="Lessons"
      data-testid="lessons-offer"
      className="absolute bottom-4 left-4 z-10 w-[min(30rem,calc(100%-2rem))] rounded-xl border border-slate-200 bg-white/95 p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900/95"
    >
      <h2 className="font-semibold">New to Docker networking? Take a lesson</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Each step ticks itself off when the map shows it done, whether you use a terminal or Portolan.
      </p>
      <ul className="mt-3 flex flex-col gap-2">
        {listing.lessons.map((l) => (
          <li key={l.id} className="flex items-center justify-between gap-3">
            <div className="min-w-0">
              <p className="truncate font-medium">{l.title}</p>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                {l.level} · {l.duration} · {l.steps} steps
              </p>
            </div>
            <Button variant="primary" onClick={() => onOpen(l.id)} className="shrink-0 py-1.5 text-sm">
              Start
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
