import type { Core } from 'cytoscape';
import type { GraphEdge, GraphElements, GraphNode } from '../../lib/graph/elements';
import { CONTAINER_H, CONTAINER_W, HEAD, PORT_H, PORT_W, type Placed } from '../../lib/graph/layout';
import { containerSize, palette, PORT_TONES, RUNNING, type Mode, type Theme } from './graphStyle';

/** What the sketch rings: the selected node, a lesson step's picks, and a search that dims the rest. */
export interface Marks {
  selected: string | null;
  picked: ReadonlySet<string>;
  matches: ReadonlySet<string> | null;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const STATE_BORDER: Record<string, string> = { running: RUNNING, paused: '#f59e0b', restarting: '#f59e0b' };
const PORT_COLOURS: Record<string, readonly [string, string, string]> = PORT_TONES;
const MARK = '#f59e0b';

/**
 * The containers of a large picture that are too small to read, drawn as plain
 * shapes on a canvas of their own over the graph: their cards in their state's
 * colour, their ports, and their lines to other networks, where the graph would
 * draw them. It follows pan and zoom in the next frame; a thousand cards cost a
 * few milliseconds, where a thousand graph nodes cost seconds.
 */
export class Sketch {
  private readonly canvas: HTMLCanvasElement;
  private elements: GraphElements = { nodes: [], edges: [] };
  /** What the graph draws: sketched lines pass under its cards and headings, as the graph's own edges do. */
  private detailed: GraphElements = { nodes: [], edges: [] };
  private positions: ReadonlyMap<string, Placed> = new Map();
  private marks: Marks = { selected: null, picked: new Set(), matches: null };
  private frame = 0;
  private readonly schedule = () => {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
  };

  constructor(
    private readonly cy: Core,
    host: HTMLElement,
    private look: { theme: Theme; mode: Mode },
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    this.canvas.setAttribute('data-testid', 'sketch');
    // Hidden while there is nothing to sketch: an empty canvas over the graph still costs a layer to composite.
    Object.assign(this.canvas.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none', display: 'none' });
    host.append(this.canvas);
    cy.on('viewport resize', this.schedule);
  }

  /** What to sketch now, what the graph draws in detail, and where each thing is. */
  set(elements: GraphElements, detailed: GraphElements, positions: ReadonlyMap<string, Placed>): void {
    this.elements = elements;
    this.detailed = detailed;
    this.positions = positions;
    this.schedule();
  }

  setMarks(marks: Marks): void {
    this.marks = marks;
    if (this.elements.nodes.length) this.schedule();
  }

  setLook(look: { theme: Theme; mode: Mode }): void {
    this.look = look;
    this.schedule();
  }

  /** The sketched nodes and edges, as drawn. */
  drawn(): GraphElements {
    return this.elements;
  }

  /** The sketched node's box in graph units, or null when it is not sketched. */
  boxOf(id: string): Box | null {
    const node = this.elements.nodes.find((n) => n.id === id);
    const at = node && this.positions.get(id);
    return node && at ? { x: at.x, y: at.y, ...this.sizeOf(node) } : null;
  }

  /** The sketched container or port under a point in graph units. */
  hit(point: { x: number; y: number }): string | null {
    for (const node of this.elements.nodes) {
      const at = this.positions.get(node.id);
      if (!at) continue;
      const { w, h } = this.sizeOf(node);
      if (Math.abs(point.x - at.x) <= w / 2 && Math.abs(point.y - at.y) <= h / 2) return node.id;
    }
    return null;
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.cy.removeListener('viewport resize', this.schedule);
    this.canvas.remove();
  }

  private sizeOf(node: GraphNode): { w: number; h: number } {
    if (node.kind === 'port') return { w: PORT_W, h: PORT_H };
    return containerSize(this.look.mode);
  }

  /** The sketch alone, as an image `width`×`height` pixels of the graph at `zoom` and `pan`: for an export. */
  render(width: number, height: number, zoom: number, pan: { x: number; y: number }): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [width, height];
    const ctx = canvas.getContext('2d');
    if (ctx) this.paint(ctx, 1, zoom, pan, width, height);
    return canvas;
  }

  private draw(): void {
    this.frame = 0;
    if (this.elements.nodes.length === 0 && this.elements.edges.length === 0) {
      // Nothing to sketch: no layer, and no pixels kept (a zero width frees them).
      this.canvas.style.display = 'none';
      this.canvas.width = 0;
      return;
    }
    this.canvas.style.display = '';
    const ratio = window.devicePixelRatio || 1;
    const [width, height] = [this.cy.width(), this.cy.height()];
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.paint(ctx, ratio, this.cy.zoom(), this.cy.pan(), width, height);
  }

  /** Paints the sketch for a view of `width`×`height` CSS pixels at `zoom` and `pan`, `ratio` device pixels to each. */
  private paint(ctx: CanvasRenderingContext2D, ratio: number, zoom: number, pan: { x: number; y: number }, width: number, height: number): void {
    if (this.elements.nodes.length === 0 && this.elements.edges.length === 0) return;
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * pan.x, ratio * pan.y);
    // What is in view, in graph units, with room for a card's half.
    const view = {
      x1: -pan.x / zoom - CONTAINER_W,
      y1: -pan.y / zoom - CONTAINER_H,
      x2: (width - pan.x) / zoom + CONTAINER_W,
      y2: (height - pan.y) / zoom + CONTAINER_H,
    };
    const inView = (p: Placed) => p.x >= view.x1 && p.x <= view.x2 && p.y >= view.y1 && p.y <= view.y2;
    const hair = 1 / zoom;
    const { matches, selected, picked } = this.marks;
    const dim = (id: string) => (matches && !matches.has(id) ? 0.15 : 1);
    for (const edge of this.elements.edges) this.drawEdge(ctx, edge, hair, dim);
    this.clearUnder(ctx, inView);
    const c = palette(this.look.theme);
    for (const node of this.elements.nodes) {
      const at = this.positions.get(node.id);
      if (!at || !inView(at)) continue;
      const { w, h } = this.sizeOf(node);
      ctx.globalAlpha = dim(node.id);
      ctx.beginPath();
      ctx.roundRect(at.x - w / 2, at.y - h / 2, w, h, node.kind === 'port' ? 6 : 10);
      const [fill, stroke] = node.kind === 'port' ? portColours(node) : [c.card, STATE_BORDER[String(node.data.state)] ?? '#94a3b8'];
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.lineWidth = Math.max(3, hair);
      ctx.strokeStyle = stroke;
      ctx.stroke();
      if (node.id === selected || picked.has(node.id) || matches?.has(node.id)) {
        ctx.lineWidth = Math.max(6, 3 * hair);
        ctx.strokeStyle = MARK;
        ctx.strokeRect(at.x - w / 2 - 8, at.y - h / 2 - 8, w + 16, h + 16);
      }
    }
    ctx.globalAlpha = 1;
  }

  /** Lines go under the cards and network headings the graph draws: cut out where those are. */
  private clearUnder(ctx: CanvasRenderingContext2D, inView: (p: Placed) => boolean): void {
    if (this.elements.edges.length === 0) return;
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'destination-out';
    ctx.fillStyle = '#000';
    for (const node of this.detailed.nodes) {
      const at = this.positions.get(node.id);
      if (!at || !inView(at)) continue;
      if (node.kind === 'network' && at.w !== undefined) ctx.fillRect(at.x - at.w / 2, at.y - (at.h ?? 0) / 2, at.w, HEAD);
      else if (node.kind === 'container' || node.kind === 'port') {
        const { w, h } = this.sizeOf(node);
        ctx.fillRect(at.x - w / 2, at.y - h / 2, w, h);
      }
    }
    ctx.globalCompositeOperation = 'source-over';
  }

  private drawEdge(ctx: CanvasRenderingContext2D, edge: GraphEdge, hair: number, dim: (id: string) => number): void {
    const [a, b] = [this.positions.get(edge.source), this.positions.get(edge.target)];
    if (!a || !b) return;
    const colour =
      edge.kind === 'attachment'
        ? String(edge.data.color ?? '#64748b')
        : (PORT_COLOURS[edge.classes.find((k) => k in PORT_COLOURS) ?? '']?.[1] ?? '#64748b');
    ctx.globalAlpha = (edge.kind === 'host-port' ? 0.3 : 0.8) * Math.min(dim(edge.source), dim(edge.target));
    ctx.strokeStyle = colour;
    ctx.lineWidth = Math.max(edge.kind === 'attachment' ? 3 : 2, hair);
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
}

function portColours(node: GraphNode): readonly [string, string] {
  const [fill, border] = PORT_COLOURS[node.classes.find((k) => k in PORT_COLOURS) ?? ''] ?? ['#f1f5f9', '#64748b'];
  return [fill, border];
}
