// Puts a STATE_UPDATE on the graph in one cy.batch(): node data (colour, glow, status) change in
// place, edges appear and disappear, and no node ever moves (positions come from the layout computed
// once per network). Returns counts for tests and diagnostics.
//
// A loan that leaves the snapshot is hidden (`gone`: loanLayer.js does not draw it), not removed: a
// scrub back to a step before the failures brings hundreds of loans back at once in each world, and
// showing a kept element costs Cytoscape far less than creating one (docs/web.md, "Time to scrub both
// worlds": the slowest of 40 scrubs of two worlds 98–113 ms with removal, 70–81 ms with hiding). The
// graph's loans are therefore `cy.edges('[!gone]')`; the hidden ones are at most the run's every loan.
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

/**
 * Applies another snapshot of the same network (later, or earlier when scrubbing): only changed data is
 * written; `edgesAdded` counts loans shown (new or hidden before), `edgesRemoved` loans hidden.
 */
export function updateGraph(cy, payload) {
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
      else if (edge.data('gone')) {
        edge.data({ width: data.width, gone: false });
        edgesAdded++;
      } else if (edge.data('width') !== data.width) edge.data('width', data.width);
    }
    cy.edges().forEach((edge) => {
      if (!live.has(edge.id()) && !edge.data('gone')) {
        edge.data('gone', true);
        edgesRemoved++;
      }
    });
    if (toAdd.length) cy.add(toAdd);
    edgesAdded += toAdd.length;
  });
  return { nodesChanged, edgesAdded, edgesRemoved };
}
