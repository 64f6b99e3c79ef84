'use client';

import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { SKETCH_FROM, splitDetail, zoomToRead, type View } from '../../lib/graph/detail';
import { diffElements, isEmpty, type ElementChanges } from '../../lib/graph/diff';
import { toElements, type GraphElements, type GraphOptions } from '../../lib/graph/elements';
import { withExpanded } from '../../lib/graph/arrangement';
import { DRIVER_SIZE, positionsOf, samePlace, type Arrangement, type Placed } from '../../lib/graph/layout';
import { neighbourTowards, type Direction } from '../../lib/graph/navigation';
import type { Topology } from '../../lib/topology';
import { useActions } from '../actions/ActionsProvider';
import { api } from '../api/client';
import { addInSlices, definition, displayLabel, place } from './drawing';
import { exportPng } from './exportPng';
import { Glows } from './glow';
import { glowColour, graphStyle, TYPE, type Mode, type Theme } from './graphStyle';
import { OffscreenMarks, type Offscreen } from './OffscreenMarks';
import { Sketch } from './sketch';
import { boundsOf, fittingAround, keepClearOf, onScreen, underOverlay, type Region } from './viewport';

export interface GraphController {
  fit(): void;
  /** Lays the shared arrangement out afresh, for every viewer. */
  relayout(): void;
  /** The whole picture as a PNG data URL, once its badge and icon images are loaded. */
  png(): Promise<string>;
  focus(): void;
}

/** A picture built and placed outside the canvas: the map of every engine (lib/graph/engines.ts). */
export interface PlacedPicture {
  elements: GraphElements;
  positions: Map<string, Placed>;
  /** Changes when a part of it is laid out afresh: the map fits itself again. */
  generation: string;
}

export interface GraphCanvasProps {
  /** One engine's picture, placed by its shared arrangement (`layout`); or `picture`, already placed. */
  topology: Topology | null;
  picture?: PlacedPicture | undefined;
  layout: Arrangement | undefined;
  /** The compact arrangement, each network collapsed to its count: drawn while the picture is collapsed. */
  compactLayout?: Arrangement | undefined;
  revision: number;
  options: GraphOptions;
  theme: Theme;
  /** Presenter mode: type for the room, calm auto-fit and a glow on what changed. */
  presenter: boolean;
  selected: string | null;
  onSelect: (graphId: string | null) => void;
  /** A collapsed network's count node was clicked: show its containers. */
  onExpand: (networkId: string) => void;
  /** Ids to pick out (search); everything else is dimmed. Empty: no search. */
  matches: ReadonlySet<string> | null;
  /** What the current lesson step is about: ringed, nothing dimmed. */
  picked?: ReadonlySet<string>;
  /** Changes when something beside or over the map opens or closes (a lesson): the map fits itself again once. */
  refitKey?: string;
  /** From this many containers, those too small to read are sketched (default SKETCH_FROM). */
  sketchFrom?: number | undefined;
  controllerRef: RefObject<GraphController | null>;
}

/** What tests and demos read from the page (DESIGN.md, "Graph ids"). */
export interface PortolanWindowApi {
  revision: number;
  nodes(): { id: string; kind: string; label: string; parent?: string; classes: string[]; data: Record<string, unknown> }[];
  edges(): { id: string; kind: string; source: string; target: string; label: string; classes: string[] }[];
  positions(): Record<string, { x: number; y: number }>;
  /** Where a node is on screen, relative to the canvas: for clicking it in tests and demos. */
  renderedPosition(id: string): { x: number; y: number } | null;
  /** The zoom and pan of the view. */
  viewport(): { zoom: number; pan: { x: number; y: number } };
  /** Rendered font size of a node's label in CSS pixels: its style size times the zoom (0 when not drawn). */
  renderedFontSize(id: string): number;
}

declare global {
  interface Window {
    __PORTOLAN__?: PortolanWindowApi;
  }
}

const GLOW_MS = 1200;
const PADDING = 36;
/** Presenter mode brings what lands off screen into view at most this often. */
const PRESENTER_FIT_EVERY_MS = 2000;
/** Larger first pictures are drawn a slice at a time. */
const SLICE = 600;
/** A pan or zoom is over when the view has been still this long: then detail follows it. */
const DETAIL_SETTLE_MS = 120;

/**
 * The one cytoscape instance. React never re-renders the canvas: each new
 * topology becomes a diff of elements applied in one batch, at the places the
 * shared arrangement gives; nodes already drawn move only when the
 * arrangement moves them.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  const { topology, picture, layout: fullLayout, compactLayout, options, theme, presenter, selected, matches, picked, controllerRef } = props;
  const container = useRef<HTMLDivElement>(null);
  const glows = useRef<Glows | null>(null);
  const cyRef = useRef<Core | null>(null);
  /** The whole picture; `drawn` is what of it the graph holds, the rest is in the sketch. */
  const model = useRef<GraphElements>({ nodes: [], edges: [] });
  const drawn = useRef<GraphElements>({ nodes: [], edges: [] });
  const sketch = useRef<Sketch | null>(null);
  const placedRef = useRef<Map<string, Placed>>(new Map());
  /** A sketched node the arrow keys moved to, focused when the zoom brings it into the graph. */
  const comingIntoFocus = useRef<string | null>(null);
  const generation = useRef('');
  const busy = useRef<Promise<void>>(Promise.resolve());
  const lastFit = useRef(0);
  const fitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [offscreen, setOffscreen] = useState<Offscreen[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const mode: Mode = presenter ? 'presenter' : 'normal';
  const live = useRef({ props, mode, actions: useActions() });
  live.current = { props, mode, actions: useActions() };

  const elements = useMemo(
    () => picture?.elements ?? (topology ? toElements(topology, options) : { nodes: [], edges: [] }),
    [picture, topology, options],
  );
  // Collapsed, the boxes are small and close, so names and counts can be read at 1,000 containers.
  const layout = useMemo(
    () =>
      options.collapsed && compactLayout
        ? fullLayout
          ? withExpanded(compactLayout, fullLayout, options.expanded ?? [], elements)
          : compactLayout
        : fullLayout,
    [options.collapsed, options.expanded, compactLayout, fullLayout, elements],
  );

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: graphStyle(theme, mode),
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    cyRef.current = cy;
    const wrapper = container.current!.parentElement!;
    sketch.current = new Sketch(cy, wrapper, { theme, mode });
    glows.current = new Glows(cy, wrapper, GLOW_MS, (id) => sketch.current?.boxOf(id) ?? null);
    let detailTimer: ReturnType<typeof setTimeout> | undefined;
    cy.on('viewport resize', () => {
      clearTimeout(detailTimer);
      detailTimer = setTimeout(() => refreshDetail(cy), DETAIL_SETTLE_MS);
    });
    const select = (id: string | null) => live.current.props.onSelect(id);
    cy.on('tap', 'node.network, node.container, node.port, node.driver, node.swarm-node, node.service, node.task', (e) => {
      const node = e.target as NodeSingular;
      if (node.hasClass('driver')) showDriverLines(cy, node.id());
      // A sketched container lies over its network's box: a tap there is on the container.
      select(node.hasClass('driver') ? null : node.hasClass('network') ? (sketch.current?.hit(e.position) ?? node.id()) : node.id());
    });
    cy.on('tap', 'node.group', (e) => live.current.props.onExpand(String(e.target.data('networkId'))));
    cy.on('tap', (e) => {
      if (e.target === cy) {
        showDriverLines(cy, null);
        select(sketch.current?.hit(e.position) ?? null);
      }
    });
    cy.on('viewport resize', () =>
      setOffscreen((marks) => {
        if (!marks.length) return marks;
        const overlays = overlaysOf(cy);
        return marks.filter((m) => !visible(cy, placedRef.current, m.id, overlays));
      }),
    );
    // Dropping a container onto a network connects it there (docker network connect), then it springs back.
    const grabbedAt = new Map<string, { x: number; y: number }>();
    cy.on('grab', 'node.container', (e) => void grabbedAt.set(e.target.id(), { ...e.target.position() }));
    cy.on('dragfree', 'node.container', (e) => {
      const node = e.target as NodeSingular;
      const at = { ...node.position() };
      const origin = grabbedAt.get(node.id());
      if (origin) node.position(origin);
      const target = cy.nodes('node.network').filter((n) => {
        const box = n.boundingBox({ includeLabels: false });
        return at.x >= box.x1 && at.x <= box.x2 && at.y >= box.y1 && at.y <= box.y2;
      })[0];
      const { readOnly, perform } = live.current.actions;
      // On the map of every engine a connect would need the engine of both: it is done from the container's panel.
      if (!target || readOnly || live.current.props.picture) return;
      const containerId = String(node.data('containerId'));
      const networkId = String(target.data('networkId'));
      if (target.id() === node.data('box') || cy.getElementById(`att:${networkId}:${containerId}`).nonempty()) return;
      void perform(
        () => api.connect(networkId, { container: containerId }),
        `${node.data('name')} joined ${target.data('name')}`,
        `could not connect ${node.data('name')} to ${target.data('name')}`,
      );
    });

    const sketched = () => sketch.current?.drawn() ?? { nodes: [], edges: [] };
    const windowApi: PortolanWindowApi = {
      get revision() {
        return live.current.props.revision;
      },
      // What the graph draws, then what the sketch draws (class `sketched`).
      nodes: () => [
        ...cy.nodes().map((n) => ({
          id: n.id(),
          kind: String(n.data('kind')),
          label: String(n.data('label') ?? ''),
          ...(n.data('box') ? { parent: String(n.data('box')) } : {}),
          classes: n.classes(),
          data: { ...n.data() },
        })),
        ...sketched().nodes.map((n) => ({
          id: n.id,
          kind: n.kind,
          label: n.label,
          ...(n.parent ? { parent: n.parent } : {}),
          classes: [...n.classes, 'sketched'],
          data: { ...n.data, id: n.id, kind: n.kind, label: n.label, box: n.parent ?? '' },
        })),
      ],
      edges: () => [
        ...cy.edges().map((e) => ({
          id: e.id(),
          kind: String(e.data('kind')),
          source: e.source().id(),
          target: e.target().id(),
          label: String(e.data('label') ?? ''),
          classes: e.classes(),
        })),
        ...sketched().edges.map((e) => ({
          id: e.id,
          kind: e.kind,
          source: e.source,
          target: e.target,
          label: e.label,
          classes: [...e.classes, 'sketched'],
        })),
      ],
      positions: () => ({
        ...Object.fromEntries(
          sketched().nodes.map((n) => [n.id, { x: placedRef.current.get(n.id)?.x ?? 0, y: placedRef.current.get(n.id)?.y ?? 0 }]),
        ),
        ...Object.fromEntries(cy.nodes().map((n) => [n.id(), { ...n.position() }])),
      }),
      renderedPosition: (nodeId) => {
        const node = cy.getElementById(nodeId);
        if (node.nonempty()) return { ...node.renderedPosition() };
        const at = sketch.current?.boxOf(nodeId);
        return at ? { x: at.x * cy.zoom() + cy.pan().x, y: at.y * cy.zoom() + cy.pan().y } : null;
      },
      viewport: () => ({ zoom: cy.zoom(), pan: { ...cy.pan() } }),
      renderedFontSize: (nodeId) => {
        const node = cy.getElementById(nodeId);
        if (node.empty() || !node.data('display')) return 0;
        return parseFloat(String(node.style('font-size'))) * cy.zoom();
      },
    };
    window.__PORTOLAN__ = windowApi;
    // cytoscape follows window resizes only; panels opening change the canvas size too.
    const resize = new ResizeObserver(() => {
      cy.resize();
      if (live.current.props.presenter) fitAll(cy, placedRef.current, false);
    });
    resize.observe(container.current!);

    controllerRef.current = {
      fit: () => fitAll(cy, placedRef.current, false),
      relayout: () => void api.relayout().catch((err: unknown) => console.error('Re-layout failed', err)),
      png: () => exportPng(cy, getComputedStyle(container.current!).backgroundColor || '#ffffff', sketch.current),
      focus: () => container.current?.focus(),
    };
    return () => {
      resize.disconnect();
      controllerRef.current = null;
      if (window.__PORTOLAN__ === windowApi) delete window.__PORTOLAN__;
      drawn.current = { nodes: [], edges: [] };
      placedRef.current = new Map();
      if (fitTimer.current) clearTimeout(fitTimer.current);
      glows.current?.dispose();
      glows.current = null;
      sketch.current?.dispose();
      sketch.current = null;
      clearTimeout(detailTimer);
      model.current = { nodes: [], edges: [] };
      cy.destroy();
      cyRef.current = null;
    };
    // The instance lives as long as the component; style and elements follow in their own effects.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.style(graphStyle(theme, mode));
    sketch.current?.setLook({ theme, mode });
    refreshDetail(cy);
    cy.batch(() =>
      cy
        .nodes()
        .forEach((n) => void n.data('display', displayLabel({ kind: n.data('kind'), label: n.data('label') }, mode, placedRef.current.get(n.id())))),
    );
    // refreshDetail reads the live picture through refs; a mode changes the zoom from which names can be read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [theme, mode]);

  useEffect(() => {
    const cy = cyRef.current;
    const placing: Placing | null = picture
      ? { positions: () => picture.positions, shape: picture.generation }
      : layout
        ? { positions: () => positionsOf(layout, elements), shape: `${layout === fullLayout ? 'full' : 'compact'}:${layout.generation}` }
        : null;
    if (!cy || !placing) return;
    busy.current = busy.current
      .then(() => draw(cy, elements, placing))
      .catch((err: unknown) => {
        // A picture the canvas could not take is drawn again whole, so the map never stays wrong.
        console.error('Portolan: redrawing the map after an error', err);
        if (cy.destroyed()) return;
        cy.elements().remove();
        drawn.current = { nodes: [], edges: [] };
        model.current = { nodes: [], edges: [] };
        return draw(cy, elements, placing);
      });
    // draw reads the latest props through refs; it runs once per new picture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [elements, layout, picture]);

  async function draw(cy: Core, next: GraphElements, placing: Placing): Promise<void> {
    if (cy.destroyed()) return;
    const m = live.current.mode;
    const positions = placing.positions();
    const before = placedRef.current;
    const first = model.current.nodes.length === 0;
    // What changed in the picture, drawn in detail or sketched: what glows and what is new.
    const changed = diffElements(model.current, next);
    // A Re-layout, or the picture switched between its full and compact arrangements.
    const shape = placing.shape;
    const relaid = generation.current !== '' && generation.current !== shape;
    generation.current = shape;
    model.current = next;
    placedRef.current = positions;
    if (first) fitAll(cy, positions, false);
    const changes = splitForView(cy, positions);
    if (first) {
      const defs = [...changes.addNodes.map((n) => definition(n, m, positions.get(n.id))), ...changes.addEdges.map((e) => definition(e, m))];
      if (defs.length > SLICE * 2) await addInSlices(cy, defs, SLICE, () => cy.destroyed());
      else cy.add(defs);
      return;
    }
    apply(cy, changes, positions, before, m);
    if (relaid) return fitAll(cy, positions, true);
    if (isEmpty(changed)) return;
    const touched = [...changed.addNodes, ...changed.addEdges, ...changed.update].filter(
      (e) => e.kind !== 'scope' && !e.classes.includes('driver-edge'),
    );
    glows.current?.glow(
      touched.map((e) => e.id),
      glowColour(live.current.props.theme),
    );
    const overlays = overlaysOf(cy);
    const fresh = changed.addNodes.filter((n) => n.kind !== 'scope' && !visible(cy, positions, n.id, overlays));
    if (fresh.length === 0) return;
    if (live.current.props.presenter) bringIntoView(cy);
    else
      setOffscreen((marks) => [
        ...marks.filter((mk) => positions.has(mk.id)),
        ...fresh.map((n) => ({ id: n.id, label: String(n.data.name ?? n.label.split('\n')[0]) })),
      ]);
  }

  /** Turns what the graph holds into `changes`, in one batch; nodes already drawn move only where the arrangement moved them. */
  function apply(cy: Core, changes: ElementChanges, positions: ReadonlyMap<string, Placed>, before: ReadonlyMap<string, Placed>, m: Mode): void {
    cy.batch(() => {
      for (const id of changes.remove) cy.getElementById(id).remove();
      cy.add(changes.addNodes.map((n) => definition(n, m, positions.get(n.id))));
      cy.add(changes.addEdges.map((e) => definition(e, m)));
      for (const el of changes.update) {
        const drawnEl = cy.getElementById(el.id);
        const def = definition(el, m, positions.get(el.id));
        drawnEl.data(def.data);
        drawnEl.classes(el.classes);
      }
      // Only what the shared arrangement moved: a box that grew, one moved to free ground, a Re-layout.
      // Comparing places first spares a cytoscape lookup for each of thousands of nodes that stay put.
      const added = new Set(changes.addNodes.map((n) => n.id));
      for (const n of drawn.current.nodes) {
        const at = positions.get(n.id);
        if (!at || added.has(n.id) || samePlace(before.get(n.id), at)) continue;
        const node = cy.getElementById(n.id) as NodeSingular;
        if (node.nonempty()) place(node, at, m);
      }
    });
  }

  /**
   * Splits the picture for the view now: the sketch takes what is too small to read, and the answer is what the
   * graph must add or remove to hold the rest.
   */
  function splitForView(cy: Core, positions: ReadonlyMap<string, Placed>): ElementChanges {
    const from = live.current.props.sketchFrom ?? SKETCH_FROM;
    const { shown, sketched } = splitDetail(model.current, positions, viewOf(cy), readableZoom(live.current.mode), from);
    const changes = diffElements(drawn.current, shown);
    drawn.current = shown;
    sketch.current?.set(sketched, shown, positions);
    return changes;
  }

  /** After a pan or zoom: containers come into detail where they can be read, and go back to the sketch elsewhere. */
  function refreshDetail(cy: Core): void {
    busy.current = busy.current.then(() => {
      if (cy.destroyed() || model.current.nodes.length === 0) return;
      const positions = placedRef.current;
      const changes = splitForView(cy, positions);
      if (isEmpty(changes)) return;
      apply(cy, changes, positions, positions, live.current.mode);
      // What comes into detail wears the marks the sketch gave it: selected, picked, found or dimmed.
      const { selected: chosen, picked: picks, matches: found } = live.current.props;
      cy.batch(() => {
        for (const n of changes.addNodes) {
          const node = cy.getElementById(n.id);
          if (n.id === chosen) node.select();
          if (picks?.has(n.id)) node.addClass('picked');
          if (found) node.addClass(found.has(n.id) ? 'match' : 'dimmed');
        }
        if (found) for (const e of changes.addEdges) cy.getElementById(e.id).addClass('dimmed');
        const coming = comingIntoFocus.current;
        if (coming && cy.getElementById(coming).nonempty()) {
          cy.getElementById(coming).addClass('focused');
          comingIntoFocus.current = null;
        }
      });
    });
    // A view the detail could not follow stays sketched; the next picture or pan tries again.
    busy.current = busy.current.catch((err: unknown) => console.error('Portolan: the map could not bring the view into detail', err));
  }

  /** Presenter: one smooth fit at most every two seconds, however many things arrive. */
  function bringIntoView(cy: Core): void {
    if (fitTimer.current) return;
    const wait = Math.max(0, lastFit.current + PRESENTER_FIT_EVERY_MS - Date.now());
    fitTimer.current = setTimeout(() => {
      fitTimer.current = null;
      lastFit.current = Date.now();
      if (!cy.destroyed()) fitAll(cy, placedRef.current, true);
    }, wait);
  }

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [selected, elements]);

  useEffect(() => sketch.current?.setMarks({ selected, picked: picked ?? new Set(), matches }), [selected, picked, matches]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      // Only what is marked: touching every element restyles all of them.
      cy.$('.dimmed, .match').removeClass('dimmed match');
      if (!matches) return;
      cy.nodes().forEach((n) => void n.addClass(matches.has(n.id()) ? 'match' : n.data('kind') === 'scope' ? '' : 'dimmed'));
      cy.edges().addClass('dimmed');
    });
  }, [matches, elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // After the layout around the canvas has settled: the lesson panel or step has its size by the next frame.
    const frame = requestAnimationFrame(() => {
      if (cy.destroyed()) return;
      cy.resize();
      fitAll(cy, placedRef.current, false);
    });
    return () => cancelAnimationFrame(frame);
  }, [props.refitKey]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.$('.picked').removeClass('picked');
      for (const id of picked ?? []) cy.getElementById(id).addClass('picked');
    });
  }, [picked, elements]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const cy = cyRef.current;
    if (!cy) return;
    const directions: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const focusedAll = cy.nodes('.focused');
    const focused = (focusedAll.nonempty() ? focusedAll[0] : null) as NodeSingular | null;
    // A sketched container the keys moved to is focused once the view has brought it into detail.
    const current = focused?.id() ?? comingIntoFocus.current;
    if (directions[e.key]) {
      e.preventDefault();
      const inGraph = cy
        .nodes(KEYBOARD_NODES)
        .filter((n) => n.visible())
        .map((n) => ({ id: n.id(), at: (n as NodeSingular).position() }));
      const inSketch = (sketch.current?.drawn().nodes ?? []).flatMap((n) => {
        const at = placedRef.current.get(n.id);
        return at ? [{ id: n.id, at }] : [];
      });
      const candidates = [...inGraph, ...inSketch].filter((c) => c.id !== current);
      const from = current ? [...inGraph, ...inSketch].find((c) => c.id === current)?.at : null;
      const next = from ? neighbourTowards(from, directions[e.key]!, candidates) : firstNode(cy);
      if (next) focusNode(cy, next);
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      if (focused?.hasClass('group')) props.onExpand(String(focused.data('networkId')));
      else props.onSelect(current);
    } else if (e.key === 'Escape' && selected) {
      e.preventDefault();
      props.onSelect(null);
    }
  };

  function focusNode(cy: Core, id: string): void {
    cy.$('node.focused').removeClass('focused');
    const node = cy.getElementById(id) as NodeSingular;
    if (node.nonempty()) {
      comingIntoFocus.current = null;
      node.addClass('focused');
      if (!visible(cy, placedRef.current, id)) cy.animate({ center: { eles: node } }, { duration: 200 });
      setAnnouncement(describe(node.data('kind'), node.data()));
      return;
    }
    // Sketched: too small to read here. Zoom in on it until its name can be read; the detail follows the view.
    const at = placedRef.current.get(id);
    const element = sketch.current?.drawn().nodes.find((n) => n.id === id);
    if (!at || !element) return;
    comingIntoFocus.current = id;
    const zoom = Math.max(cy.zoom(), readableZoom(live.current.mode));
    cy.animate({ zoom, pan: { x: cy.width() / 2 - at.x * zoom, y: cy.height() / 2 - at.y * zoom } }, { duration: 200 });
    setAnnouncement(describe(element.kind, element.data));
  }

  // cytoscape makes its container position: relative, so the sizing box is a wrapper.
  return (
    <div className="absolute inset-0">
      <div
        ref={container}
        data-testid="graph"
        className="h-full w-full focus-visible:outline-3 focus-visible:outline-offset-[-3px] focus-visible:outline-amber-500"
        tabIndex={0}
        role="application"
        aria-roledescription="network map"
        aria-label="Network map. Arrow keys move between networks, containers and, in a swarm, its nodes, services and tasks; Enter opens the details, Escape closes them."
        onKeyDown={onKeyDown}
        onFocus={() => {
          const cy = cyRef.current;
          if (cy && cy.$('node.focused').empty()) {
            const start = selected ?? firstNode(cy);
            if (start) focusNode(cy, start);
          }
        }}
      />
      <p className="sr-only" aria-live="polite" data-testid="graph-focus">
        {announcement}
      </p>
      {!presenter && (
        <OffscreenMarks
          marks={offscreen}
          where={(id) => cyRef.current?.getElementById(id).renderedPosition() ?? null}
          size={() => ({ width: cyRef.current?.width() ?? 0, height: cyRef.current?.height() ?? 0 })}
          overlays={() => (cyRef.current ? overlaysOf(cyRef.current) : [])}
          onGo={(id) => {
            const cy = cyRef.current;
            if (!cy) return;
            const at = placedRef.current.get(id);
            if (at) cy.animate({ pan: { x: cy.width() / 2 - at.x * cy.zoom(), y: cy.height() / 2 - at.y * cy.zoom() } }, { duration: 300 });
            setOffscreen((marks) => marks.filter((m) => m.id !== id));
          }}
        />
      )}
    </div>
  );
}

/** Where a picture's nodes go, and what changes when it is laid out afresh. */
interface Placing {
  positions: () => Map<string, Placed>;
  shape: string;
}

/** On screen and not under the activity ticker (or a lesson's step): somewhere a person sees it. */
function visible(cy: Core, positions: ReadonlyMap<string, Placed>, id: string, overlays: readonly Region[] = overlaysOf(cy)): boolean {
  const at = positions.get(id);
  if (at === undefined || !onScreen(at, cy.zoom(), cy.pan(), cy.width(), cy.height())) return false;
  const pan = cy.pan();
  return !underOverlay({ x: at.x * cy.zoom() + pan.x, y: at.y * cy.zoom() + pan.y }, overlays);
}

function viewOf(cy: Core): View {
  return { zoom: cy.zoom(), pan: cy.pan(), width: cy.width(), height: cy.height() };
}

/** Containers are drawn in detail from the zoom where their names are 7 px or more on screen. */
const readableZoom = (mode: Mode): number => zoomToRead(TYPE[mode].container);

/** "overlay driver" at the room's 30-unit type, with room to spare. */
const PRESENTER_DRIVER_W = 280;

/** What the arrow keys move between. */
const KEYBOARD_NODES = 'node.container, node.network, node.port, node.group, node.driver, node.host, node.swarm-node, node.service, node.task';

/** Fits every shown node, from the positions already known rather than cytoscape's bounding boxes. */
function fitAll(cy: Core, positions: ReadonlyMap<string, Placed>, animate: boolean): void {
  const shown = cy.nodes(':visible');
  const presenter = Boolean(cy.container()?.closest('[data-presenter="1"]'));
  const items: { kind: string; at: Placed }[] = [];
  shown.forEach((n) => {
    const at = positions.get(n.id());
    const kind = String(n.data('kind'));
    // In the room a driver's name under its hexagon is wider than the hexagon: the fit keeps it on screen whole.
    if (at) items.push({ kind, at: presenter && kind === 'driver' ? { ...at, w: PRESENTER_DRIVER_W, h: DRIVER_SIZE + 60 } : at });
  });
  if (items.length === 0) {
    for (const [id, at] of positions) items.push({ kind: id.split(':')[0] ?? '', at });
  }
  const bounds = boundsOf(items);
  if (!bounds || cy.width() === 0) return;
  const target = fittingAround(
    bounds,
    { x: 0, y: 0, width: cy.width(), height: cy.height() },
    overlaysOf(cy),
    presenter ? 12 : PADDING,
    1.6,
    keepClearOf(positions),
  );
  if (animate) cy.animate(target, { duration: 450, easing: 'ease-in-out-cubic' });
  else cy.viewport(target);
}

/** Where the activity ticker, and in presenter mode a lesson's step, cover the canvas: a fit leaves those parts free. */
function overlaysOf(cy: Core): Region[] {
  const canvas = cy.container();
  const main = canvas?.closest('main');
  if (!canvas || !main) return [];
  const c = canvas.getBoundingClientRect();
  return [...main.querySelectorAll('section[aria-label="Activity"], section[aria-label="Current lesson step"]')].map((el) => {
    const t = el.getBoundingClientRect();
    return { x: t.left - c.left, y: t.top - c.top, width: t.width, height: t.height };
  });
}

function showDriverLines(cy: Core, driverId: string | null): void {
  cy.batch(() => {
    cy.$('edge.driver-edge.shown').removeClass('shown');
    if (driverId) cy.getElementById(driverId).connectedEdges('.driver-edge').addClass('shown');
  });
}

function firstNode(cy: Core): string | null {
  const nodes = cy
    .nodes('node.network, node.container')
    .sort(
      (a, b) =>
        (a as NodeSingular).position().y - (b as NodeSingular).position().y || (a as NodeSingular).position().x - (b as NodeSingular).position().x,
    );
  return nodes.nonempty() ? nodes[0]!.id() : null;
}

function describe(kind: string, data: Record<string, unknown>): string {
  const label = String(data.label ?? '').replace(/\n/g, ', ');
  if (kind === 'container') return `container ${label}, ${String(data.state)}`;
  if (kind === 'network') return `network ${label}, ${String(data.driver)} driver`;
  if (kind === 'swarm-node') return `swarm node ${label}`;
  if (kind === 'task') return `task ${label}, ${String(data.state)}`;
  return `${kind} ${label}`;
}
