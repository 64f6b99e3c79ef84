'use client';

import { useEffect, useState } from 'react';
import { ActionsProvider, useActions } from '../actions/ActionsProvider';
import { useImageTransfer } from '../actions/useImageTransfer';
import { TransfersContext } from '../live/TransfersContext';
import { useLiveTopology } from '../live/useLiveTopology';
import { PageHeader } from '../ui/PageHeader';
import { useTheme } from '../ui/useTheme';
import { useUrlParam } from '../ui/useUrlState';
import { EngineAimContext, showsFirstEngine } from '../live/engineParam';
import { EngineSwitcher } from '../nav/EngineSwitcher';
import { PageNav } from '../nav/PageNav';
import { EngineBanner } from '../status/EngineBanner';
import { AuditFilters } from './AuditFilters';
import { AuditSummary } from './AuditSummary';
import { filterAudits, groupByRule, megabytes, NO_FILTER, rulesOf, type AuditFilter } from './auditView';
import { ByContainer, rowId } from './ByContainer';
import { ByRule } from './ByRule';
import { ImageSizes } from './ImageSizes';
import { LensSection } from './LensSection';
import { PullImage } from './PullImage';
import { useFreshJson } from './useFreshJson';
import { api } from '../api/client';

/** The security lens: every container's findings against the CIS Docker Benchmark, and the images they run. */
export function SecurityPage() {
  const live = useLiveTopology();
  const [engine] = useUrlParam('engine');
  const aim = showsFirstEngine(live.engines, engine)
    ? null
    : (live.engines.find((e) => e.name === engine)?.dockerFlags ?? live.snapshot?.topology.engine.endpoint ?? null);
  return (
    <TransfersContext.Provider value={live.transfers}>
      <EngineAimContext.Provider value={aim}>
        <ActionsProvider topology={live.snapshot?.topology ?? null}>
          <SecurityLens live={live} />
        </ActionsProvider>
      </EngineAimContext.Provider>
    </TransfersContext.Provider>
  );
}

function SecurityLens({ live }: { live: ReturnType<typeof useLiveTopology> }) {
  const { snapshot, engine, feed, activity } = live;
  const transfer = useImageTransfer();
  const { readOnly, open } = useActions();
  const [theme, toggleTheme] = useTheme();
  // The server re-audits a container when an event changes it and pushes the audit with that revision.
  // Listing images costs the Engine two calls, so ask again only when containers come or go, not at every start or stop.
  // Image events (pull, push, tag, delete), from Portolan or a terminal, are the other cue.
  const containerSet = snapshot ? `${snapshot.epoch}|${snapshot.topology.containers.map((c) => `${c.id}:${c.image}`).join(',')}` : '';
  const lastImageEvent = activity.find((a) => a.type === 'image')?.id ?? '';
  const images = useFreshJson(api.images, `${containerSet}|${lastImageEvent}`);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());
  // `?container=<name>` (the inspect panel's "All findings") opens and scrolls to that container.
  const [focus, setFocus] = useUrlParam('container');

  const audits = live.audit ?? [];
  const rows = filterAudits(audits, filter);
  const expanded = focus ? new Set([...opened, focus]) : opened;
  const loaded = live.audit !== null;

  useEffect(() => {
    if (loaded && focus) document.getElementById(rowId(focus))?.scrollIntoView({ block: 'start' });
  }, [loaded, focus]);

  const toggle = (name: string) => {
    const next = new Set(opened);
    if (expanded.has(name)) {
      next.delete(name);
      if (focus === name) setFocus(null);
    } else next.add(name);
    setOpened(next);
  };
  const show = (name: string) => {
    setOpened(new Set([...opened, name]));
    setFocus(name);
    document.getElementById(rowId(name))?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  const connected = feed === 'live' && engine?.status === 'connected';
  const engineVersion = snapshot?.topology.engine.version ?? '';
  const imageList = images.data?.images ?? [];
  const unused = imageList.filter((i) => i.unused);
  return (
    <div className="flex h-screen flex-col">
      <PageHeader
        nav={
          <>
            <PageNav />
            <EngineSwitcher engines={live.engines} />
          </>
        }
        summary={loaded && <AuditSummary audits={audits} />}
        status={connected && <EngineBanner engine={engine} feed={feed} version={engineVersion} compact />}
      >
        <AuditFilters
          filter={filter}
          onFilter={setFilter}
          rules={rulesOf(audits)}
          onExpandAll={() => setOpened(new Set(rows.map((r) => r.name)))}
          onCollapseAll={() => {
            setOpened(new Set());
            setFocus(null);
          }}
          theme={theme}
          onTheme={toggleTheme}
        />
      </PageHeader>
      <main className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto bg-slate-50 p-4 xl:overflow-hidden dark:bg-slate-950">
        {!connected && (
          <div className="mx-auto w-max max-w-full">
            <EngineBanner engine={engine} feed={feed} version={engineVersion} />
          </div>
        )}
        <div className="grid gap-4 xl:min-h-0 xl:flex-1 xl:grid-cols-[minmax(0,5fr)_minmax(0,3.5fr)_minmax(0,4fr)]">
          <LensSection
            title="By container"
            testId="audit-by-container"
            note="Score out of 100: a clean container scores 100, and each finding costs points by its severity."
          >
            {loaded ? <ByContainer rows={rows} expanded={expanded} focused={focus} onToggle={toggle} /> : <Waiting>Reading the audit…</Waiting>}
          </LensSection>
          <LensSection title="By rule" testId="audit-by-rule" note="Rule ids from the CIS Docker Benchmark; click a container to read its findings.">
            {loaded ? <ByRule groups={groupByRule(rows)} onShow={show} /> : <Waiting>Reading the audit…</Waiting>}
          </LensSection>
          <LensSection
            title="Images — lean and clean"
            testId="images"
            note={
              images.data ? (
                <>
                  {imageList.length} image{imageList.length === 1 ? '' : 's'}, {megabytes(imageList.reduce((sum, i) => sum + i.size, 0))} in all
                  {unused.length > 0 && (
                    <>
                      {' '}
                      · {unused.length} unused ({megabytes(unused.reduce((sum, i) => sum + i.size, 0))}):{' '}
                      <code className="font-mono">docker image prune -a</code> removes them
                    </>
                  )}
                </>
              ) : (
                'Smaller images hold fewer programs an intruder can use.'
              )
            }
          >
            <PullImage transfer={transfer} />
            {images.error && !images.data ? (
              <Problem>{images.error}</Problem>
            ) : images.data ? (
              <ImageSizes
                images={imageList}
                now={images.fetchedAt}
                {...(readOnly
                  ? {}
                  : {
                      onPush: (tag: string) => void transfer.start('push', tag),
                      onTag: (source: string) => open({ kind: 'tag-image', source }),
                      onRemove: (image: string) => open({ kind: 'remove-image', image }),
                    })}
              />
            ) : (
              <Waiting>Listing images…</Waiting>
            )}
          </LensSection>
        </div>
      </main>
    </div>
  );
}

function Waiting({ children }: { children: string }) {
  return <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{children}</p>;
}

function Problem({ children }: { children: string }) {
  return (
    <p
      role="alert"
      className="m-4 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"
    >
      {children}
    </p>
  );
}
