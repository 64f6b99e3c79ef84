'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { engineElementId, splitEngineId } from '../../lib/graph/engines';
import { containerNodeId, networkNodeId, serviceNodeId, swarmNodeId, taskNodeId } from '../../lib/graph/ids';
import type { Topology } from '../../lib/topology';
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
import { PageHeader } from '../ui/PageHeader';
import { useTheme } from '../ui/useTheme';
import { useMapOptions } from './useMapOptions';
import { useEnginesPicture } from './useEnginesPicture';
import { useUrlParam } from '../ui/useUrlState';

/** The map: a full-window live graph with its controls, panels and presenter mode. */
export function MapPage() {
  const { snapshot, engine, feed, activity, earlier, lessons, transfers, engines, pictures, statuses, audit, audits } = useLiveTopology();
  // The map of every engine (`?engines=all`): each engine a group; a selection is on one engine, and so are its actions.
  const [enginesParam] = useUrlParam('engines');
  const all = enginesParam === 'all';
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
  const selectedOn = all && selected ? splitEngineId(selected) : null;
  const selectedEngine = all ? (selectedOn?.engine ?? engines[0]?.name ?? null) : null;
  // One engine's picture: the one shown, or on the map of every engine the selected element's.
  const topology = all ? (selectedEngine ? (pictures[selectedEngine]?.topology ?? null) : null) : (snapshot?.topology ?? null);
  const everything = useMemo(() => (all ? combined(engines.map((e) => pictures[e.name]?.topology)) : null), [all, engines, pictures]);
  const { options, setOptions, expand } = useMapOptions((everything ?? topology)?.containers.length ?? 0);
  const enginesPicture = useEnginesPicture(all ? engines : NO_ENGINES, pictures, statuses, options);
  const lesson = lessonId ? lessons[lessonId] : undefined;
  const picked = useMemo(() => new Set(lesson?.focus ?? []), [lesson?.focus]);
  // A fresh Engine, a newcomer's first look: nothing but Docker's own networks.
  const fresh = topology !== null && topology.containers.length === 0 && topology.networks.every((n) => n.predefined);
  // Lessons watch the first engine, the one a learner's terminal talks to: another engine's map offers none.
  const [engineParam] = useUrlParam('engine');
  const onFirstEngine = !all && showsFirstEngine(engines, engineParam);
  // How a docker line reaches an engine other than the first: its flags (`--context NAME`, `-H … --tls…`), else its endpoint.
  const reach = (name: string | undefined) => {
    const e = engines.find((x) => x.name === name);
    return e ? (e.dockerFlags ?? e.endpoint) : null;
  };
  const aim = all
    ? selectedOn?.engine && selectedOn.engine !== engines[0]?.name
      ? reach(selectedOn.engine)
      : null
    : onFirstEngine
      ? null
      : (reach(engineParam ?? undefined) ?? topology?.engine.endpoint ?? null);

  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return null;
    if (!all) return topology ? new Set(found(topology, q)) : null;
    return new Set(
      engines.flatMap((e, i) => {
        const t = pictures[e.name]?.topology;
        return t ? found(t, q).map((id) => engineElementId(i === 0 ? null : e.name, id)) : [];
      }),
    );
  }, [search, topology, all, engines, pictures]);

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

  const connected = feed === 'live' && (all || engine?.status === 'connected');
  const shown = all ? everything : topology;
  // What the one-engine map and the all-engines map share; each adds its own picture, layouts and refit key.
  const canvasProps = {
    options,
    theme,
    presenter,
    selected,
    onSelect: setSelected,
    onExpand: (networkId: string) => expand(networkId),
    matches,
    picked,
    sketchFrom: sketch && /^\d+$/.test(sketch) ? Number(sketch) : undefined,
    controllerRef: controller,
  };

  return (
    <TransfersContext.Provider value={transfers}>
      <EngineAimContext.Provider value={aim}>
        <ActionsProvider topology={topology}>
          <div className={`flex h-screen flex-col ${presenter ? 'presenter bg-slate-950 text-slate-50' : ''}`} data-presenter={presenter ? '1' : '0'}>
            {!presenter && (
              <PageHeader
                nav={
                  <>
                    <PageNav />
                    <EngineSwitcher engines={engines} />
                    <DockerContexts engines={engines} />
                  </>
                }
                summary={
                  <>
                    {topology && !all && <Summary topology={topology} />}
                    {topology && connected && !all && <GlobalActions />}
                  </>
                }
                status={connected && !all && <EngineBanner engine={engine} feed={feed} version={topology?.engine.version ?? ''} compact />}
              >
                {shown && (
                  <Toolbar
                    topology={shown}
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
              </PageHeader>
            )}
            <div className="relative flex min-h-0 flex-1">
              {topology && lesson && !presenter && <LessonPanel lesson={lesson} topology={topology} onClose={() => setLesson(null)} />}
              <main className="relative min-w-0 flex-1 bg-slate-50 dark:bg-slate-950">
                {all && enginesPicture && view === 'graph' && (
                  <GraphCanvas
                    topology={null}
                    picture={enginesPicture}
                    layout={undefined}
                    revision={Object.values(pictures).reduce((sum, p) => sum + p.revision, 0)}
                    {...canvasProps}
                    refitKey="all-engines"
                  />
                )}
                {!all && topology && view === 'graph' && (
                  <GraphCanvas
                    topology={topology}
                    layout={snapshot?.layout}
                    compactLayout={snapshot?.compactLayout}
                    revision={snapshot?.revision ?? 0}
                    {...canvasProps}
                    refitKey={lesson ? `lesson:${lesson.id}` : 'no-lesson'}
                  />
                )}
                {all && view === 'list' && (
                  // The map of every engine as tables: each engine under its name and status, its rows selecting on its map.
                  <div className="absolute inset-0 space-y-8 overflow-auto p-4">
                    {engines.map((e, i) => {
                      const prefix = i === 0 ? null : e.name;
                      const status = statuses[e.name] ?? e;
                      const t = status.status === 'connected' ? pictures[e.name]?.topology : undefined;
                      return (
                        <section key={e.name} aria-label={`Engine ${e.name}`} data-engine={e.name} className="space-y-2">
                          <h2 className="text-lg font-semibold">
                            {e.name} <span className="font-normal text-slate-600 dark:text-slate-300">· {status.status}</span>
                          </h2>
                          {t ? (
                            <ListView
                              topology={t}
                              selected={selectedOn && selectedOn.engine === prefix ? selectedOn.id : null}
                              onSelect={(id) => setSelected(id === null ? null : engineElementId(prefix, id))}
                            />
                          ) : (
                            <p className="text-slate-600 dark:text-slate-300">{status.detail ?? 'Not connected.'}</p>
                          )}
                        </section>
                      );
                    })}
                  </div>
                )}
                {!all && topology && view === 'list' && (
                  <div className="absolute inset-0 overflow-auto p-4">
                    <ListView topology={topology} selected={selected} onSelect={setSelected} />
                  </div>
                )}
                {(!connected || (presenter && !all)) && (
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
              {topology && selected && !presenter && !all && (
                <InspectPanel topology={topology} audit={audit} selected={selected} onSelect={setSelected} />
              )}
              {topology && selectedOn && selectedEngine && !presenter && (
                // On the map of every engine: the panel of the selected element's engine, its links kept on that engine.
                <InspectPanel
                  topology={topology}
                  audit={audits[selectedEngine]}
                  selected={selectedOn.id}
                  onSelect={(id) => setSelected(id === null ? null : engineElementId(selectedOn.engine, id))}
                />
              )}
            </div>
          </div>
        </ActionsProvider>
      </EngineAimContext.Provider>
    </TransfersContext.Provider>
  );
}

const NO_ENGINES: never[] = [];

/** The graph ids of what a search finds in one engine's picture, by name. */
function found(topology: Topology, q: string): string[] {
  return [
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
  ];
}

/** Every engine's picture as one list of each kind: what the toolbar offers to filter on the map of every engine. */
function combined(topologies: (Topology | undefined)[]): Topology | null {
  const present = topologies.filter((t): t is Topology => t !== undefined);
  if (present.length === 0) return null;
  return {
    engine: present[0]!.engine,
    networks: present.flatMap((t) => t.networks),
    containers: present.flatMap((t) => t.containers),
    nodes: present.flatMap((t) => t.nodes),
    services: present.flatMap((t) => t.services),
    tasks: present.flatMap((t) => t.tasks),
  };
}
