'use client';

import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { diffElements, isEmpty } from '../../lib/graph/diff';
import { toElements, type GraphEdge, type GraphElements, type GraphNode, type GraphOptions } from '../../lib/graph/elements';
import { layoutAll, placeNew, type Positions } from '../../lib/graph/layout';
import type { Topology } from '../../lib/topology';
import { useActions } from '../actions/ActionsProvider';
import { exportPng } from './exportPng';
import { graphStyle, type Theme } from './graphStyle';

export interface GraphController {
  fit(): void;
  relayout(): void;
  /** The whole picture as a PNG data URL, once its badge and icon images are loaded. */
  png(): Promise<string>;
}

export interface GraphCanvasProps {
  topology: Topology;
  revision: number;
  options: GraphOptions;
  theme: Theme;
  /** Presenter mode: larger type, auto-fit and a flash on what changed. */
  presenter: boolean;
  selected: string | null;
  onSelect: (graphId: string | null) => void;
  /** Ids to pick out (search); everything else is dimmed. Empty: no search. */
  matches: ReadonlySet<string> | null;
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
}

declare global {
  interface Window {
    __PORTOLAN__?: PortolanWindowApi;
  }
}

const FLASH_MS = 2500;

function definition(el: GraphNode | GraphEdge, position?: { x: number; y: number }): ElementDefinition {
  if ('source' in el) {
    return {
      group: 'edges',
      data: { ...el.data, id: el.id, kind: el.kind, source: el.source, target: el.target, label: el.label },
      classes: el.classes,
    };
  }
  return {
    group: 'nodes',
    data: { ...el.data, id: el.id, kind: el.kind, label: el.label, ...(el.parent ? { parent: el.parent } : {}) },
    classes: el.classes,
    ...(position ? { position: { ...position } } : {}),
  };
}

/**
 * The one cytoscape instance. React never re-renders the canvas: each new
 * topology becomes a diff of elements applied inside one batch, new nodes are
 * placed next to their neighbours and nodes already drawn keep their places.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  const { topology, revision, options, theme, presenter, selected, onSelect, matches, controllerRef } = props;
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const drawn = useRef<GraphElements>({ nodes: [], edges: [] });
  const onSelectRef = useRef(onSelect);
  const actions = useActions();
  const actionsRef = useRef(actions);
  const presenterRef = useRef(presenter);
  const revisionRef = useRef(revision);
  useEffect(() => {
    onSelectRef.current = onSelect;
    actionsRef.current = actions;
    presenterRef.current = presenter;
    revisionRef.current = revision;
  });

  const elements = useMemo(() => toElements(topology, options), [topology, options]);

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: graphStyle(theme, presenter ? 1.15 : 1),
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    cyRef.current = cy;
    cy.on('tap', 'node.network, node.container', (e) => onSelectRef.current(e.target.id()));
    cy.on('tap', (e) => {
      if (e.target === cy) onSelectRef.current(null);
    });
    // Dropping a container onto a network connects it there (docker network connect), then it springs back.
    const grabbedAt = new Map<string, { x: number; y: number }>();
    cy.on('grab', 'node.container', (e) => void grabbedAt.set(e.target.id(), { ...e.target.position() }));
    cy.on('dragfree', 'node.container', (e) => {
      const node = e.target;
      const at = node.position();
      const target = cy.nodes('node.network').filter((n) => {
        const box = n.boundingBox();
        return at.x >= box.x1 && at.x <= box.x2 && at.y >= box.y1 && at.y <= box.y2;
      })[0];
      const { readOnly, perform } = actionsRef.current;
      if (!target || readOnly) return;
      const origin = grabbedAt.get(node.id());
      if (origin) node.position(origin);
      const containerId = String(node.data('containerId'));
      const networkId = String(target.data('networkId'));
      if (cy.getElementById(`att:${networkId}:${containerId}`).nonempty()) return;
      void perform('POST', `/api/networks/${networkId}/connect`, { container: containerId }, `${node.data('name')} joined ${target.data('name')}`);
    });

    const api: PortolanWindowApi = {
      get revision() {
        return revisionRef.current;
      },
      nodes: () =>
        cy.nodes().map((n) => ({
          id: n.id(),
          kind: String(n.data('kind')),
          label: String(n.data('label') ?? ''),
          ...(n.data('parent') ? { parent: String(n.data('parent')) } : {}),
          classes: n.classes(),
          data: { ...n.data() },
        })),
      edges: () =>
        cy.edges().map((e) => ({
          id: e.id(),
          kind: String(e.data('kind')),
          source: e.source().id(),
          target: e.target().id(),
          label: String(e.data('label') ?? ''),
          classes: e.classes(),
        })),
      positions: () => Object.fromEntries(cy.nodes().map((n) => [n.id(), { ...n.position() }])),
      renderedPosition: (nodeId) => {
        const node = cy.getElementById(nodeId);
        return node.nonempty() ? { ...node.renderedPosition() } : null;
      },
    };
    window.__PORTOLAN__ = api;
    // cytoscape follows window resizes only; panels opening change the canvas size too.
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(container.current!);

    controllerRef.current = {
      fit: () => cy.fit(undefined, 40),
      relayout: () => {
        const positions = layoutAll(drawn.current);
        cy.batch(() => cy.nodes().forEach((n) => void (positions.has(n.id()) && n.position({ ...positions.get(n.id())! }))));
        cy.fit(undefined, 40);
      },
      png: () => exportPng(cy, getComputedStyle(container.current!).backgroundColor || '#ffffff'),
    };
    return () => {
      resize.disconnect();
      controllerRef.current = null;
      if (window.__PORTOLAN__ === api) delete window.__PORTOLAN__;
      drawn.current = { nodes: [], edges: [] };
      cy.destroy();
      cyRef.current = null;
    };
    // The instance lives as long as the component; style and elements follow in their own effects.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    cyRef.current?.style(graphStyle(theme, presenter ? 1.15 : 1));
  }, [theme, presenter]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const first = drawn.current.nodes.length === 0;
    const changes = diffElements(drawn.current, elements);
    if (isEmpty(changes)) return;
    const existing: Positions = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }]));
    for (const id of changes.remove) existing.delete(id);
    const positions = first ? layoutAll(elements) : placeNew(elements, existing);
    cy.batch(() => {
      for (const id of changes.remove) cy.getElementById(id).remove();
      cy.add(changes.addNodes.map((n) => definition(n, positions.get(n.id))));
      cy.add(changes.addEdges.map((e) => definition(e)));
      for (const el of changes.update) {
        const drawnEl = cy.getElementById(el.id);
        drawnEl.data(definition(el).data);
        drawnEl.classes(el.classes);
      }
    });
    drawn.current = elements;
    if (first || presenterRef.current) cy.fit(undefined, 40);
    if (presenterRef.current && !first) {
      const touched = cy.collection();
      for (const el of [...changes.addNodes, ...changes.addEdges, ...changes.update]) touched.merge(cy.getElementById(el.id));
      touched.addClass('flash');
      setTimeout(() => touched.removeClass('flash'), FLASH_MS);
    }
  }, [elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [selected, elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      // Only what is marked: touching every element restyles all of them (~150 ms at 1,000 containers).
      cy.$('.dimmed, .match').removeClass('dimmed match');
      if (!matches) return;
      cy.nodes().forEach((n) => void n.addClass(matches.has(n.id()) ? 'match' : n.data('kind') === 'scope' ? '' : 'dimmed'));
      cy.edges().addClass('dimmed');
    });
  }, [matches, elements]);

  // cytoscape makes its container position: relative, so the sizing box is a wrapper.
  return (
    <div className="absolute inset-0">
      <div ref={container} data-testid="graph" className="h-full w-full" aria-label="Network map" role="img" />
    </div>
  );
}
