import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import type { Box } from './sketch';

/** More changes than this in one patch is a burst: the first ones glow, the activity ticker tells the rest. */
const MOST = 40;
/** The ring around a node, in model units, as far out as a selection's underlay. */
const PAD = 6;

/**
 * What just changed glows for a moment and fades: a ring on a layer of its own
 * over the canvas, following its pan and zoom. The graph itself is not
 * restyled, so a glow costs cytoscape no redraw, however large the picture; and
 * each ring is an element whose fading opacity the compositor animates, so
 * the page's main thread does no work while it fades.
 */
export class Glows {
  private readonly layer: HTMLDivElement;
  private readonly follow = () => this.track();

  constructor(
    private readonly cy: Core,
    host: HTMLElement,
    private readonly duration: number,
    /** Where a node drawn beside the graph (sketched) is, in graph units. */
    private readonly elsewhere: (id: string) => Box | null = () => null,
  ) {
    const clip = document.createElement('div');
    clip.setAttribute('aria-hidden', 'true');
    clip.setAttribute('data-testid', 'glows');
    Object.assign(clip.style, { position: 'absolute', inset: '0', overflow: 'hidden', pointerEvents: 'none' });
    // In graph units: the layer carries the view's pan and zoom, the rings their places in the graph.
    this.layer = document.createElement('div');
    Object.assign(this.layer.style, { position: 'absolute', left: '0', top: '0', transformOrigin: '0 0' });
    clip.append(this.layer);
    host.append(clip);
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
      mark.style.borderColor = colour;
      mark.style.boxShadow = `0 0 ${3 * PAD}px ${PAD}px ${colour}`;
      mark.style.opacity = '0';
      this.layer.querySelector(`[data-glow="${CSS.escape(id)}"]`)?.remove();
      this.layer.append(mark);
      const fade = mark.animate([{ opacity: 0.7 }, { opacity: 0.7, offset: 0.4 }, { opacity: 0 }], { duration: this.duration, easing: 'ease-out' });
      fade.onfinish = () => mark.remove();
    }
  }

  dispose(): void {
    this.cy.removeListener('viewport', this.follow);
    this.layer.parentElement?.remove();
  }

  private track(): void {
    const { x, y } = this.cy.pan();
    this.layer.style.transform = `translate(${x}px, ${y}px) scale(${this.cy.zoom()})`;
  }
}

function ring(node: NodeSingular): HTMLElement {
  return ringAround({ ...node.position(), w: node.width(), h: node.height() });
}

function ringAround(box: Box): HTMLElement {
  const [w, h] = [box.w + 4 * PAD, box.h + 4 * PAD];
  return mark({ left: `${box.x - w / 2}px`, top: `${box.y - h / 2}px`, width: `${w}px`, height: `${h}px`, borderRadius: `${2 * PAD}px` });
}

function line(edge: EdgeSingular): HTMLElement {
  const [a, b] = [edge.source().position(), edge.target().position()];
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  return mark({
    left: `${a.x}px`,
    top: `${a.y - PAD}px`,
    width: `${length}px`,
    height: '0',
    transformOrigin: '0 50%',
    transform: `rotate(${Math.atan2(b.y - a.y, b.x - a.x)}rad)`,
  });
}

function mark(style: Partial<CSSStyleDeclaration>): HTMLElement {
  const el = document.createElement('div');
  Object.assign(el.style, {
    position: 'absolute',
    boxSizing: 'border-box',
    borderStyle: 'solid',
    borderWidth: `${PAD}px`,
    willChange: 'opacity',
    ...style,
  });
  return el;
}
