// Puts a STATE_UPDATE on the graph in one cy.batch(): node data (colour, glow, status) change in
// place, edges appear and disappear, and no node ever moves (positions come from the layout computed
// once per network). Returns counts for tests and diagnostics.
import { edgeData, edgeId, nodeData } from './visualEncoding.js';

function sameData(element, data) {
  const current = element.data();
  for (const key in data) if (current[key] !== data[key]) return false;
  return true;
}

/** Builds the graph of a new network: all nodes at their fixed positions, all edges. */
export function buildGraph(cy, payload, positions) {
  const count = payload.nodes.length;
  cy.batch(() => {
    cy.elements().remove();
    cy.add(payload.nodes.map((n) => ({ group: 'nodes', data: nodeData(n, count), position: { ...positions[n.id] } })));
    cy.add(payload.edges.map((e) => ({ group: 'edges', data: edgeData(e) })));
  });
}

/** Applies a later snapshot of the same network: only changed data is written. */
export function updateGraph(cy, payload, { fadedFor = null } = {}) {
  const count = payload.nodes.length;
  let nodesChanged = 0;
  let edgesAdded = 0;
  let edgesRemoved = 0;
  cy.batch(() => {
    for (const n of payload.nodes) {
      const node = cy.getElementById(n.id);
      if (node.empty()) continue;
      const data = nodeData(n, count);
      if (!sameData(node, data)) {
        node.data(data);
        nodesChanged++;
      }
    }
    const live = new Set();
    const toAdd = [];
    for (const e of payload.edges) {
      const id = edgeId(e);
      live.add(id);
      const edge = cy.getElementById(id);
      const data = edgeData(e);
      if (edge.empty()) toAdd.push({ group: 'edges', data });
      else if (edge.data('width') !== data.width) edge.data('width', data.width);
    }
    const gone = cy.edges().filter((edge) => !live.has(edge.id()));
    edgesRemoved = gone.length;
    if (edgesRemoved) gone.remove();
    if (toAdd.length) cy.add(toAdd);
    edgesAdded = toAdd.length;
    if (fadedFor) fadedFor(cy);
  });
  return { nodesChanged, edgesAdded, edgesRemoved };
}
