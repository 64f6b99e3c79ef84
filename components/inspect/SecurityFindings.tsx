'use client';

import Link from 'next/link';
import type { ContainerAudit } from '../../lib/audit';
import type { Container } from '../../lib/topology';
import { ScoreBadge } from '../security/badges';
import { FindingCard } from '../security/FindingCard';
import { Section } from './panelParts';

/** The container's audit in the panel: its score, and each finding with why and how to fix it. */
export function SecurityFindings({ container, audit }: { container: Container; audit: readonly ContainerAudit[] | null }) {
  const mine = audit?.find((a) => a.id === container.id);
  return (
    <Section title="Security">
      <div data-testid="container-security" data-score={mine?.score} className="space-y-2">
        <div className="flex items-center gap-3">
          {mine ? (
            <>
              <ScoreBadge score={mine.score} large />
              <span className="text-slate-600 dark:text-slate-300">
                out of 100 · {mine.findings.length ? `${mine.findings.length} finding${mine.findings.length === 1 ? '' : 's'}` : 'no findings'}
              </span>
            </>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">Reading the audit…</span>
          )}
          <Link
            href={`/security?container=${encodeURIComponent(container.name)}`}
            className="ml-auto shrink-0 font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
          >
            All findings →
          </Link>
        </div>
        {mine && mine.findings.length > 0 && (
          <ul className="space-y-2">
            {mine.findings.map((f) => (
              <FindingCard key={f.rule} finding={f} testId="container-finding" />
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}
