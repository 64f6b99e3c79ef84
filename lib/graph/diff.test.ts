import { describe, expect, it } from 'vitest';
import { diffElements, isEmpty } from './diff';
import type { GraphEdge, GraphElements, GraphNode } from './elements';

function netNode(id: string, over: Partial<GraphNode> = {}): GraphNode {
  return {
    id: `net:${id}`,
    kind: 'network',
    label: id,
    parent: 'scope:local',
    classes: ['network'],
    data: { networkId: id, color: '#2563eb' },
    ...over,
  };
}

function ctrNode(id: string, over: Partial<GraphNode> = {}): GraphNode {
  return {
    id: `ctr:${id}`,
    kind: 'container',
    label: id,
    classes: ['container', 'state-running'],
    data: { containerId: id, state: 'running' },
    ...over,
  };
}

function attEdge(net: string, ctr: string, over: Partial<GraphEdge> = {}): GraphEdge {
  return {
    id: `att:${net}:${ctr}`,
    kind: 'attachment',
    source: `net:${net}`,
    target: `ctr:${ctr}`,
    label: '10.0.0.2',
    classes: ['attachment'],
    data: { color: '#2563eb' },
    ...over,
  };
}

const scope: GraphNode = { id: 'scope:local', kind: 'scope', label: 'local', classes: ['scope'], data: { scope: 'local' } };

function base(): GraphElements {
  return {
    nodes: [scope, netNode('a'), netNode('b'), ctrNode('web'), ctrNode('db')],
    edges: [attEdge('a', 'web'), attEdge('b', 'db')],
  };
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('diffElements', () => {
  it('finds no change between identical elements', () => {
    const changes = diffElements(base(), base());
    expect(changes).toEqual({ addNodes: [], addEdges: [], remove: [], update: [] });
    expect(isEmpty(changes)).toBe(true);
  });

  it('finds no change when the same elements come in another order', () => {
    const shuffled = base();
    shuffled.nodes.reverse();
    shuffled.edges.reverse();
    expect(isEmpty(diffElements(base(), shuffled))).toBe(true);
  });

  it('finds no change between empty element sets', () => {
    expect(isEmpty(diffElements({ nodes: [], edges: [] }, { nodes: [], edges: [] }))).toBe(true);
  });

  it('adds a new node and its new edge', () => {
    const after = base();
    after.nodes.push(ctrNode('cache'));
    after.edges.push(attEdge('a', 'cache'));
    const changes = diffElements(base(), after);
    expect(ids(changes.addNodes)).toEqual(['ctr:cache']);
    expect(ids(changes.addEdges)).toEqual(['att:a:cache']);
    expect(changes.remove).toEqual([]);
    expect(changes.update).toEqual([]);
    expect(isEmpty(changes)).toBe(false);
  });

  it('adds everything when drawing from nothing', () => {
    const changes = diffElements({ nodes: [], edges: [] }, base());
    expect(ids(changes.addNodes)).toEqual(ids(base().nodes));
    expect(ids(changes.addEdges)).toEqual(ids(base().edges));
  });

  it('lists the id of a removed node and of its edges', () => {
    const after = base();
    after.nodes = after.nodes.filter((n) => n.id !== 'ctr:db');
    after.edges = after.edges.filter((e) => e.target !== 'ctr:db');
    const changes = diffElements(base(), after);
    expect(changes.remove.sort()).toEqual(['att:b:db', 'ctr:db']);
    expect(changes.addNodes).toEqual([]);
    expect(changes.addEdges).toEqual([]);
    expect(changes.update).toEqual([]);
  });

  it('removes an edge alone when only the edge goes', () => {
    const after = base();
    after.edges = after.edges.filter((e) => e.id !== 'att:a:web');
    const changes = diffElements(base(), after);
    expect(changes.remove).toEqual(['att:a:web']);
    expect(changes.addNodes).toEqual([]);
    expect(changes.update).toEqual([]);
  });

  it('removes everything when drawing nothing', () => {
    const changes = diffElements(base(), { nodes: [], edges: [] });
    expect([...changes.remove].sort()).toEqual([...ids(base().nodes), ...ids(base().edges)].sort());
  });

  it('updates a node whose label, classes or data changed, in place', () => {
    const after = base();
    after.nodes[3] = ctrNode('web', { label: 'web\nnginx:1.27' });
    after.nodes[4] = ctrNode('db', { classes: ['container', 'state-exited'], data: { containerId: 'db', state: 'exited' } });
    after.nodes[1] = netNode('a', { data: { networkId: 'a', color: '#dc2626' } });
    const changes = diffElements(base(), after);
    expect(ids(changes.update)).toEqual(['ctr:db', 'ctr:web', 'net:a']);
    expect(changes.update.find((u) => u.id === 'ctr:web')?.label).toBe('web\nnginx:1.27');
    expect(changes.addNodes).toEqual([]);
    expect(changes.remove).toEqual([]);
  });

  it('updates an edge whose label changed, keeping its ends', () => {
    const after = base();
    after.edges[0] = attEdge('a', 'web', { label: '10.0.0.9' });
    const changes = diffElements(base(), after);
    expect(changes.update).toEqual([after.edges[0]]);
    expect(changes.addEdges).toEqual([]);
    expect(changes.remove).toEqual([]);
  });

  it('removes and adds again an edge whose endpoints changed', () => {
    const after = base();
    after.edges[0] = attEdge('a', 'web', { target: 'ctr:db' });
    const changes = diffElements(base(), after);
    expect(changes.remove).toEqual(['att:a:web']);
    expect(changes.addEdges).toEqual([after.edges[0]]);
    expect(changes.update).toEqual([]);
  });

  it('removes and adds again a node whose parent changed, and its edges with it', () => {
    const after = base();
    after.nodes.push({ id: 'scope:swarm', kind: 'scope', label: 'swarm', classes: ['scope'], data: { scope: 'swarm' } });
    after.nodes[1] = netNode('a', { parent: 'scope:swarm' });
    const changes = diffElements(base(), after);
    expect(ids(changes.addNodes)).toEqual(['net:a', 'scope:swarm']);
    expect(changes.remove.sort()).toEqual(['att:a:web', 'net:a']);
    expect(ids(changes.addEdges)).toEqual(['att:a:web']);
    expect(changes.update).toEqual([]);
  });

  it('reports additions, removals and updates together', () => {
    const after = base();
    after.nodes = after.nodes.filter((n) => n.id !== 'ctr:db').map((n) => (n.id === 'ctr:web' ? ctrNode('web', { label: 'web2' }) : n));
    after.nodes.push(ctrNode('api'));
    after.edges = [attEdge('a', 'web'), attEdge('b', 'api')];
    const changes = diffElements(base(), after);
    expect(ids(changes.addNodes)).toEqual(['ctr:api']);
    expect(ids(changes.addEdges)).toEqual(['att:b:api']);
    expect(changes.remove.sort()).toEqual(['att:b:db', 'ctr:db']);
    expect(ids(changes.update)).toEqual(['ctr:web']);
  });

  it('never lists an id twice in the removals', () => {
    const after = base();
    after.nodes = [scope, netNode('a', { parent: 'scope:other' }), ctrNode('web')];
    after.edges = [attEdge('a', 'web', { target: 'ctr:web' })];
    const changes = diffElements(base(), after);
    expect(new Set(changes.remove).size).toBe(changes.remove.length);
  });
});

describe('isEmpty', () => {
  it('is true only when nothing is to add, remove or update', () => {
    expect(isEmpty({ addNodes: [], addEdges: [], remove: [], update: [] })).toBe(true);
    expect(isEmpty({ addNodes: [ctrNode('x')], addEdges: [], remove: [], update: [] })).toBe(false);
    expect(isEmpty({ addNodes: [], addEdges: [attEdge('a', 'x')], remove: [], update: [] })).toBe(false);
    expect(isEmpty({ addNodes: [], addEdges: [], remove: ['ctr:x'], update: [] })).toBe(false);
    expect(isEmpty({ addNodes: [], addEdges: [], remove: [], update: [ctrNode('x')] })).toBe(false);
  });
});
