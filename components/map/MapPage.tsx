'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { containerNodeId, networkNodeId, serviceNodeId, swarmNodeId, taskNodeId } from '../../lib/graph/ids';
import { ActionsProvider } from '../actions/ActionsProvider';
import { GlobalActions } from '../actions/GlobalActions';
import { GraphCanvas, type GraphController } from '../graph/GraphCanvas';
import { InspectPanel } from '../inspect/InspectPanel';
import { LessonPanel } from '../lesson/LessonPanel';
import { LessonStage } from '../lesson/LessonStage';
import { LessonsOffer } from '../lesson/LessonsOffer';
import { ListView } from '../list/ListView';
import { EngineAimContext, showsFirstEngine } from '../live/engineParam';
import { TransfersContext } from '../live/TransfersContext';
import { useLiveTopology } from '../live/useLiveTopology';
import { DockerContexts } from '../nav/DockerContexts';
import { EngineSwitcher } from '../nav/EngineSwitcher';
import { PageNav } from '../nav/PageNav';
import { EngineBanner } from '../status/EngineBanner';
import { ActivityTicker } from './ActivityTicker';
import { Summary } from './Summary';
import { Toolbar } from './Toolbar';
import { useTheme } from './useTheme';
import { useMapOptions } from './useMapOptions';
import { useUrlParam } from './useUrlState';

/** The map: a full-window live graph with its controls, panels and presenter mode. */
export function MapPage() {
  const { snapshot, engine, feed, activity, earlier, lessons, transfers, engines } = useLiveTopology();
  const [lessonId, setLesson] = useUrlParam('lesson');
  const [selected, setSelected] = useUrlParam('select');
  // From how many containers far-away ones are sketched (lib/graph/detail.ts); a link can lower it to show a small picture so.
  const [sketch] = useUrlParam('sketch');
  const [present, setPresent] = useUrlParam('present');
  const [viewParam, setView] = useUrlParam('view');
  const presenter = present === '1';
  const view = viewParam === 'list' ? 'list' : 'graph';
  const [theme, toggleTheme] = useTheme(presenter ? 'dark' : undefined);
  const [search, setSearch] = useState('');
  const controller = useRef<GraphController | null>(null);
  const topology = snapshot?.topology ?? null;
  const { options, setOptions, expand } = useMapOptions(topology?.containers.length ?? 0);
  const lesson = lessonId ? lessons[lessonId] : undefined;
  const picked = useMemo(() => new Set(lesson?.focus ?? []), [lesson?.focus]);
  // A fresh Engine, a newcomer's first look: nothing but Docker's own networks.
  const fresh = topology !== null && topology.containers.length === 0 && topology.networks.every((n) => n.predefined);
  // Lessons watch the first engine, the one a learner's terminal talks to: another engine's map offers none.
  const [engineParam] = useUrlParam('engine');
  const onFirstEngine = showsFirstEngine(engines, engineParam);
  const aim = onFirstEngine ? null : (engines.find((e) => e.name === engineParam)?.dockerFlags ?? topology?.engine.endpoint ?? null);

  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q || !topology) return null;
    return new Set([
      ...topology.networks.filter((n) => n.name.toLowerCase().includes(q)).map((n) => networkNodeId(n.id)),
      ...topology.containers.filter((c) => c.name.toLowerCase().includes(q)).map((c) => containerNodeId(c.id)),
      ...topology.nodes.filter((n) => n.hostname.toLowerCase().includes(q)).map((n) => swarmNodeId(n.id)),
      ...topology.services.filter((s) => s.name.toLowerCase().includes(q)).map((s) => serviceNodeId(s.id)),
      // A service's tasks are found by its name ("web" finds web.1, web.2…).
      ...topology.tasks
        .filter((t) =>
          topology.services
            .find((s) => s.id === t.serviceId)
            ?.name.toLowerCase()
            .includes(q),
        )
        .map((t) => taskNodeId(t.id)),
    ]);
  }, [search, topology]);

  useEffect(() => {
    if (!presenter) return;
    const leave = (e: KeyboardEvent) => e.key === 'Escape' && setPresent(null);
    window.addEventListener('keydown', leave);
    return () => window.removeEventListener('keydown', leave);
  }, [presenter, setPresent]);

  const exportPng = async () => {
    const url = await controller.current?.png();
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `portolan-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.png`;
    a.click();
  };

  const connected = feed === 'live' && engine?.status === 'connected';
  return (
    <TransfersContext.Provider value={transfers}>
      <EngineAimContext.Provider value={aim}>
        <ActionsProvider topology={topology}>
          <div className={`flex h-screen flex-col ${presenter ? 'presenter bg-slate-950 text-slate-50' : ''}`} data-presenter={presenter ? '1' : '0'}>
            {!presenter && (
              <header className="z-10 flex flex-col gap-2 border-b border-slate-200 bg-white/95 px-4 py-2 dark:border-slate-800 dark:bg-slate-950/95">
                <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
                  <div className="flex items-center gap-3">
                    <h1 className="text-xl font-bold tracking-tight">Portolan</h1>
                    <PageNav />
                    <EngineSwitcher engines={engines} />
                    <DockerContexts engines={engines} />
                  </div>
                  {topology && <Summary topology={topology} />}
                  {topology && connected && <GlobalActions />}
                  {connected && (
                    <div className="ml-auto">
                      <EngineBanner engine={engine} feed={feed} version={topology?.engine.version ?? ''} compact />
                    </div>
                  )}
                </div>
                {topology && (
                  <Toolbar
                    topology={topology}
                    options={options}
                    onOptions={setOptions}
                    search={search}
                    onSearch={setSearch}
                    onSearchSubmit={() => {
                      const first = matches?.values().next().value;
                      if (first) setSelected(first);
                    }}
                    view={view}
                    onView={(v) => setView(v === 'list' ? 'list' : null)}
                    onFit={() => controller.current?.fit()}
                    onRelayout={() => controller.current?.relayout()}
                    onExport={exportPng}
                    onPresent={() => setPresent('1')}
                    onTheme={toggleTheme}
                    theme={theme}
                  />
                )}
              </header>
            )}
            <div className="relative flex min-h-0 flex-1">
              {topology && lesson && !presenter && <LessonPanel lesson={lesson} topology={topology} onClose={() => setLesson(null)} />}
              <main className="relative min-w-0 flex-1 bg-slate-50 dark:bg-slate-950">
                {topology && view === 'graph' && (
                  <GraphCanvas
                    topology={topology}
                    layout={snapshot?.layout}
                    compactLayout={snapshot?.compactLayout}
                    revision={snapshot?.revision ?? 0}
                    options={options}
                    theme={theme}
                    presenter={presenter}
                    selected={selected}
                    onSelect={setSelected}
                    onExpand={(networkId) => expand(networkId)}
                    matches={matches}
                    picked={picked}
                    refitKey={lesson ? `lesson:${lesson.id}` : 'no-lesson'}
                    sketchFrom={sketch && /^\d+$/.test(sketch) ? Number(sketch) : undefined}
                    controllerRef={controller}
                  />
                )}
                {topology && view === 'list' && (
                  <div className="absolute inset-0 overflow-auto p-4">
                    <ListView topology={topology} selected={selected} onSelect={setSelected} />
                  </div>
                )}
                {(!connected || presenter) && (
                  <div className={`absolute top-3 left-1/2 z-10 w-max max-w-[min(48rem,90%)] -translate-x-1/2 ${presenter ? 'text-lg' : ''}`}>
                    <EngineBanner engine={engine} feed={feed} version={topology?.engine.version ?? ''} compact={connected} />
                  </div>
                )}
                {(presenter || view === 'graph') && (
                  <ActivityTicker activity={activity} earlier={earlier} large={presenter} right={presenter && Boolean(lesson)} />
                )}
                {presenter && lesson && <LessonStage lesson={lesson} />}
                {!presenter &&
                  onFirstEngine &&
                  topology &&
                  view === 'graph' &&
                  ((fresh && !lessonId) || (lessonId && !lesson && Object.keys(lessons).length > 0)) && <LessonsOffer onOpen={setLesson} />}
                {presenter && (
                  <button
                    type="button"
                    onClick={() => setPresent(null)}
                    className="absolute top-3 right-3 z-10 rounded-md px-3 py-1 text-sm text-slate-400 opacity-30 hover:opacity-100"
                  >
                    Exit presenter (Esc)
                  </button>
                )}
              </main>
              {topology && selected && !presenter && (
                <InspectPanel topology={topology} revision={snapshot?.revision} selected={selected} onSelect={setSelected} />
              )}
            </div>
          </div>
        </ActionsProvider>
      </EngineAimContext.Provider>
    </TransfersContext.Provider>
  );
}
