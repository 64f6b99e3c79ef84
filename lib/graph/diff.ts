import { dequal } from 'dequal/lite';
import type { GraphEdge, GraphElements, GraphNode } from './elements';

export interface ElementChanges {
  addNodes: GraphNode[];
  addEdges: GraphEdge[];
  /** Ids of nodes and edges to remove; edges of removed nodes included. */
  remove: string[];
  /** Elements whose label, classes or data changed, in place. */
  update: (GraphNode | GraphEdge)[];
}

/**
 * What turns one set of elements into the next. A node whose parent changes
 * is removed and added again, since a drawn node cannot change its parent in place.
 */
export function diffElements(before: GraphElements, after: GraphElements): ElementChanges {
  const changes: ElementChanges = { addNodes: [], addEdges: [], remove: [], update: [] };
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(before.edges.map((e) => [e.id, e]));
  const reparented = new Set<string>();

  for (const node of after.nodes) {
    const old = oldNodes.get(node.id);
    oldNodes.delete(node.id);
    if (!old) changes.addNodes.push(node);
    else if (old.parent !== node.parent) {
      reparented.add(node.id);
      changes.remove.push(node.id);
      changes.addNodes.push(node);
    } else if (!dequal(old, node)) changes.update.push(node);
  }
  for (const edge of after.edges) {
    const old = oldEdges.get(edge.id);
    oldEdges.delete(edge.id);
    if (!old || reparented.has(edge.source) || reparented.has(edge.target)) {
      if (old) changes.remove.push(edge.id);
      changes.addEdges.push(edge);
    } else if (old.source !== edge.source || old.target !== edge.target) {
      changes.remove.push(edge.id);
      changes.addEdges.push(edge);
    } else if (!dequal(old, edge)) changes.update.push(edge);
  }
  changes.remove.push(...oldEdges.keys(), ...oldNodes.keys());
  return changes;
}

export function isEmpty(changes: ElementChanges): boolean {
  return changes.addNodes.length + changes.addEdges.length + changes.remove.length + changes.update.length === 0;
}
