import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import { buildGraph, updateGraph } from './applyState.js';

const node = (id, extra = {}) => ({ id, tier: 3, capital_ratio: 0.12, stress: 0, status: 'active', last_updated_timestep: 0, ...extra });
const payload = (nodes, edges) => ({ timestep: 0, nodes, edges });

describe('applying snapshots to the graph', () => {
  it('never moves a node, adds and removes edges, and restyles only what changed', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    const positions = { 0: { x: 0, y: 0 }, 1: { x: 100, y: 0 }, 2: { x: 0, y: 100 } };
    buildGraph(cy, payload([node('0'), node('1'), node('2')], [{ source: '0', target: '1', weight: 5 }]), positions);
    expect(cy.nodes()).toHaveLength(3);
    const result = updateGraph(cy, payload([node('0'), node('1', { status: 'defaulted' }), node('2')],
      [{ source: '0', target: '2', weight: 8 }]));
    expect(result).toEqual({ nodesChanged: 1, edgesAdded: 1, edgesRemoved: 1 });
    expect(cy.getElementById('1').data('defaulted')).toBe(true);
    expect(cy.getElementById('0>2').nonempty()).toBe(true);
    expect(cy.getElementById('1').position()).toEqual({ x: 100, y: 0 });
    expect(updateGraph(cy, payload([node('0'), node('1', { status: 'defaulted' }), node('2')], [{ source: '0', target: '2', weight: 8 }])))
      .toEqual({ nodesChanged: 0, edgesAdded: 0, edgesRemoved: 0 });
  });

  it('hides a loan that leaves the snapshot and shows the same element again when it returns (a scrub back)', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    const positions = { 0: { x: 0, y: 0 }, 1: { x: 100, y: 0 } };
    const loan = (weight) => [{ source: '0', target: '1', weight }];
    buildGraph(cy, payload([node('0'), node('1')], loan(5)), positions);
    const element = cy.getElementById('0>1');
    const width = element.data('width');
    expect(updateGraph(cy, payload([node('0'), node('1')], []))).toEqual({ nodesChanged: 0, edgesAdded: 0, edgesRemoved: 1 });
    expect(cy.edges('[!gone]')).toHaveLength(0);
    expect(updateGraph(cy, payload([node('0'), node('1')], []))).toEqual({ nodesChanged: 0, edgesAdded: 0, edgesRemoved: 0 });
    expect(updateGraph(cy, payload([node('0'), node('1')], loan(5000)))).toEqual({ nodesChanged: 0, edgesAdded: 1, edgesRemoved: 0 });
    const shown = cy.edges('[!gone]');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toBe(element[0]);
    expect(shown.data('width')).toBeGreaterThan(width);
  });
});
