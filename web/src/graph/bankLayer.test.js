import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import { buildGraph, updateGraph } from './applyState.js';
import { cyStyle, SELECTION_COLOUR } from './cyStyle.js';
import { bankDrawing, bankLook, banksOn, createBankLayer, FAILED, GLOW_COLOURS } from './bankLayer.js';

const node = (id, extra = {}) => ({ id, tier: 3, capital_ratio: 0.12, stress: 0, status: 'active', last_updated_timestep: 0, ...extra });
const payload = (nodes, edges = []) => ({ timestep: 0, nodes, edges });

function graph() {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: cyStyle() });
  buildGraph(cy, payload([node('0', { tier: 1 }), node('1'), node('2')], [{ source: '0', target: '1', weight: 5 }]),
    { 0: { x: 0, y: 0 }, 1: { x: 100, y: 0 }, 2: { x: 0, y: 100 } });
  return cy;
}

function frames() {
  const queue = [];
  return { requestFrame: (f) => queue.push(f), run: () => queue.splice(0).forEach((f) => f()), pending: () => queue.length };
}

const canvas = () => ({ clientWidth: 300, clientHeight: 200, width: 0, height: 0,
  getContext: () => new Proxy({}, { get: (t, k) => (k in t ? t[k] : () => {}), set: (t, k, v) => { t[k] = v; return true; } }) });

describe('how a bank looks', () => {
  it('an active bank: its capital colour, a dark outline, its size, no glow without stress', () => {
    const look = bankLook({ size: 26, colour: '#16a34a', glow: 0, defaulted: false, label: '' });
    expect(look).toMatchObject({ radius: 13, fill: '#16a34a', fillAlpha: 1, border: '#0b1220', borderWidth: 1.5, dashed: false, opacity: 1, glow: null, label: null });
  });

  it('stress glows in five levels, wider and stronger with each', () => {
    const glows = [1, 3, 5].map((glow) => bankLook({ size: 16, colour: '#fff', glow, label: '' }).glow);
    expect(glows.map((g) => g.colour)).toEqual([GLOW_COLOURS[1], GLOW_COLOURS[3], GLOW_COLOURS[5]]);
    expect(glows[0].radius).toBeCloseTo(8 + 5.2, 9);
    expect(glows[2].alpha).toBeCloseTo(0.52, 9);
  });

  it('a failed bank is grey, dashed and half transparent, without glow; selected, it is outlined in full', () => {
    const failed = bankLook({ size: 16, colour: '#6b7280', glow: 3, defaulted: true, label: '' });
    expect(failed).toMatchObject({ fill: FAILED.fill, fillAlpha: 0.55, border: FAILED.border, dashed: true, opacity: 0.5, glow: null });
    expect(bankLook({ size: 16, colour: '#6b7280', defaulted: true, label: '' }, { selected: true }))
      .toMatchObject({ border: SELECTION_COLOUR, borderWidth: 4, dashed: false, opacity: 1 });
  });

  it('labels a core bank only when its 11 px label would be at least 8 px on screen', () => {
    expect(bankLook({ size: 44, colour: '#fff', label: '0' }, { zoom: 1 }).label).toEqual({ text: '0', colour: '#e2e8f0' });
    expect(bankLook({ size: 44, colour: '#fff', label: '0' }, { zoom: 0.7 }).label).toBeNull();
  });
});

describe('the drawing of the banks', () => {
  it('is one fill per look and one outline per kind, the selected outline last', () => {
    const cy = graph();
    updateGraph(cy, payload([node('0', { tier: 1 }), node('1', { status: 'defaulted' }), node('2')]));
    cy.getElementById('2').select();
    const groups = bankDrawing(banksOn(cy));
    const fills = groups.filter((g) => g.kind === 'fill');
    const strokes = groups.filter((g) => g.kind === 'stroke');
    expect(fills.map((g) => g.circles.length)).toEqual([2, 1]);
    expect(fills[1]).toMatchObject({ colour: FAILED.fill, alpha: 0.55 * 0.5 });
    expect(strokes.map((g) => [g.colour, g.circles.length])).toEqual([['#0b1220', 1], [FAILED.border, 1], [SELECTION_COLOUR, 1]]);
    // Three banks: every one is labelled (visualEncoding.nodeData), the labels over everything else.
    expect(groups.slice(-3).map((g) => [g.kind, g.text])).toEqual([['label', '0'], ['label', '1'], ['label', '2']]);
  });

  it('leaves the banks to this layer: Cytoscape draws none, yet a bank keeps its size to be clicked and fitted', () => {
    const cy = graph();
    expect(cy.nodes().map((n) => n.visible())).toEqual([false, false, false]);
    expect(cy.nodes().map((n) => n.interactive())).toEqual([true, true, true]);
    expect(cy.getElementById('0').width()).toBe(44);
  });
});

describe('the bank layer', () => {
  function layer() {
    const cy = graph();
    const f = frames();
    const banks = createBankLayer({ cy, canvas: canvas(), requestFrame: f.requestFrame, cancelFrame: () => {} });
    f.run();
    return { cy, f, banks };
  }

  it('paints again, once a frame, when a bank changes, is selected or the view moves', () => {
    const { cy, f, banks } = layer();
    const before = banks.draws();
    updateGraph(cy, payload([node('0', { tier: 1 }), node('1', { stress: 0.9 }), node('2', { capital_ratio: 0.01 })]));
    cy.getElementById('1').select();
    cy.viewport({ zoom: 2, pan: { x: 0, y: 0 } });
    expect(f.pending()).toBe(1);
    f.run();
    expect(banks.draws()).toBe(before + 1);
  });

  it('does not paint for a loan: that is the loans\' layer', () => {
    const { cy, f } = layer();
    updateGraph(cy, payload([node('0', { tier: 1 }), node('1'), node('2')], [{ source: '0', target: '2', weight: 50 }]));
    expect(f.pending()).toBe(0);
  });

  it('tells how a bank is drawn now', () => {
    const { cy, banks } = layer();
    updateGraph(cy, payload([node('0', { tier: 1 }), node('1', { status: 'defaulted' }), node('2')]));
    expect(banks.lookOf('1')).toMatchObject({ fill: FAILED.fill, opacity: 0.5 });
    expect(banks.lookOf('9')).toBeNull();
  });
});
