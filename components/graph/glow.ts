import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';

const SVG = 'http://www.w3.org/2000/svg';
/** More changes than this in one patch is a burst: the first ones glow, the activity ticker tells the rest. */
const MOST = 40;
/** The ring around a node, in model units, as far out as a selection's underlay. */
const PAD = 6;

/**
 * What just changed glows for a moment and fades: a ring drawn on a layer of its
 * own over the canvas, following its pan and zoom. The graph itself is not
 * restyled, so a glow costs cytoscape no redraw, however large the picture.
 */
export class Glows {
  private readonly svg: SVGSVGElement;
  private readonly group: SVGGElement;
  private readonly follow = () => this.track();

  constructor(
    private readonly cy: Core,
    host: HTMLElement,
    private readonly duration: number,
    /** Where a node drawn beside the graph (sketched) is, in graph units. */
    private readonly elsewhere: (id: string) => { x: number; y: number; w: number; h: number } | null = () => null,
  ) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    this.svg.setAttribute('data-testid', 'glows');
    Object.assign(this.svg.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none', overflow: 'hidden' });
    this.group = document.createElementNS(SVG, 'g');
    this.svg.append(this.group);
    host.append(this.svg);
    cy.on('viewport', this.follow);
    this.track();
  }

  /** Rings the nodes and edges named, in the colour given, for `duration` ms. */
  glow(ids: readonly string[], colour: string): void {
    for (const id of ids.slice(0, MOST)) {
      const el = this.cy.getElementById(id);
      const box = el.empty() ? this.elsewhere(id) : null;
      if (el.empty() && !box) continue;
      const mark = box ? ringAround(box) : el.isNode() ? ring(el as NodeSingular) : line(el as EdgeSingular);
      mark.setAttribute('data-glow', id);
      mark.setAttribute('stroke', colour);
      mark.setAttribute('fill', 'none');
      this.group.querySelector(`[data-glow="${CSS.escape(id)}"]`)?.remove();
      this.group.append(mark);
      const fade = mark.animate([{ opacity: 0.7 }, { opacity: 0.7, offset: 0.4 }, { opacity: 0 }], { duration: this.duration, easing: 'ease-out' });
      fade.onfinish = () => mark.remove();
    }
  }

  dispose(): void {
    this.cy.removeListener('viewport', this.follow);
    this.svg.remove();
  }

  private track(): void {
    const { x, y } = this.cy.pan();
    this.group.setAttribute('transform', `translate(${x} ${y}) scale(${this.cy.zoom()})`);
  }
}

function ring(node: NodeSingular): SVGElement {
  return ringAround({ ...node.position(), w: node.width(), h: node.height() });
}

function ringAround(box: { x: number; y: number; w: number; h: number }): SVGElement {
  const { x, y } = box;
  const [w, h] = [box.w + 2 * PAD, box.h + 2 * PAD];
  const rect = document.createElementNS(SVG, 'rect');
  for (const [k, v] of Object.entries({ x: x - w / 2, y: y - h / 2, width: w, height: h, rx: PAD * 2, 'stroke-width': PAD }))
    rect.setAttribute(k, String(v));
  return rect;
}

function line(edge: EdgeSingular): SVGElement {
  const [a, b] = [edge.source().position(), edge.target().position()];
  const path = document.createElementNS(SVG, 'line');
  for (const [k, v] of Object.entries({ x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'stroke-width': PAD, 'stroke-linecap': 'round' }))
    path.setAttribute(k, String(v));
  return path;
}
