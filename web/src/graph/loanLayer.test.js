import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import { buildGraph, updateGraph } from './applyState.js';
import { cyStyle, SELECTION_COLOUR } from './cyStyle.js';
import { arrowSize, createLoanLayer, LOAN_ARROW_COLOUR, LOAN_COLOUR, loanDrawing, loanGeometry, loansOn } from './loanLayer.js';

const node = (id, extra = {}) => ({ id, tier: 3, capital_ratio: 0.12, stress: 0, status: 'active', last_updated_timestep: 0, ...extra });
const payload = (nodes, edges) => ({ timestep: 0, nodes, edges });
const close = (p, q) => {
  expect(p.x).toBeCloseTo(q.x, 6);
  expect(p.y).toBeCloseTo(q.y, 6);
};

// A 2D context that records the calls that draw: what the layer painted, in order.
function recordingCanvas() {
  const calls = [];
  const ctx = {
    setTransform: (...a) => calls.push(['setTransform', ...a]),
    clearRect: (...a) => calls.push(['clearRect', ...a]),
    beginPath: () => calls.push(['beginPath']),
    moveTo: (...a) => calls.push(['moveTo', ...a]),
    lineTo: (...a) => calls.push(['lineTo', ...a]),
    closePath: () => calls.push(['closePath']),
    stroke() { calls.push(['stroke', this.strokeStyle, this.lineWidth]); },
    fill() { calls.push(['fill', this.fillStyle]); },
  };
  return { canvas: { clientWidth: 300, clientHeight: 200, width: 0, height: 0, getContext: () => ctx }, calls };
}

function graph() {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: cyStyle() });
  buildGraph(cy, payload([node('0'), node('1'), node('2', { tier: 1 })],
    [{ source: '0', target: '1', weight: 5 }, { source: '2', target: '0', weight: 5000 }]),
  { 0: { x: 0, y: 0 }, 1: { x: 100, y: 0 }, 2: { x: 0, y: 100 } });
  return cy;
}

// Animation frames run when the test says so.
function frames() {
  const queue = [];
  return { requestFrame: (f) => queue.push(f), run: () => queue.splice(0).forEach((f) => f()), pending: () => queue.length };
}

describe('a loan\'s geometry', () => {
  it('runs from the lender\'s outline to an arrowhead whose tip touches the borrower\'s outline', () => {
    const g = loanGeometry({ from: { x: 0, y: 0 }, to: { x: 100, y: 0 }, fromRadius: 8, toRadius: 13, width: 1 });
    const { length, halfWidth } = arrowSize(1);
    close(g.line[0], { x: 8.75, y: 0 });
    close(g.head[0], { x: 100 - 13.75, y: 0 });
    close(g.line[1], { x: 100 - 13.75 - length, y: 0 });
    close(g.head[1], { x: 100 - 13.75 - length, y: halfWidth });
    close(g.head[2], { x: 100 - 13.75 - length, y: -halfWidth });
  });

  it('follows any direction', () => {
    const g = loanGeometry({ from: { x: 10, y: 10 }, to: { x: 10, y: -90 }, fromRadius: 5, toRadius: 5, width: 2 });
    close(g.line[0], { x: 10, y: 4.25 });
    close(g.head[0], { x: 10, y: -84.25 });
  });

  it('has Cytoscape\'s triangle at 0.7 of its size: 6.09 long for thin loans, larger above about 2.8 px', () => {
    expect(arrowSize(1).length).toBeCloseTo(0.3 * 29 * 0.7, 9);
    expect(arrowSize(1).halfWidth).toBeCloseTo(0.15 * 29 * 0.7, 9);
    expect(arrowSize(2.5).length).toBeCloseTo(arrowSize(0.6).length, 9);
    expect(arrowSize(7).length).toBeCloseTo(0.3 * 0.7 * (7 * 13.37) ** 0.9, 9);
  });

  it('has no arrowhead when arrows are off, and nothing to draw between overlapping banks', () => {
    const g = loanGeometry({ from: { x: 0, y: 0 }, to: { x: 100, y: 0 }, fromRadius: 8, toRadius: 8, width: 1, arrow: false });
    expect(g.head).toBeNull();
    close(g.line[1], { x: 91.25, y: 0 });
    expect(loanGeometry({ from: { x: 0, y: 0 }, to: { x: 10, y: 0 }, fromRadius: 8, toRadius: 8, width: 1 })).toBeNull();
  });
});

describe('the drawing of the loans', () => {
  const banks = new Map([['0', { x: 0, y: 0, radius: 8 }], ['1', { x: 100, y: 0, radius: 8 }], ['2', { x: 0, y: 100, radius: 22 }]]);

  it('is one stroke per width and one fill for all arrowheads, the selected bank\'s loans last', () => {
    const groups = loanDrawing([
      { source: '0', target: '1', width: 1, highlight: false },
      { source: '1', target: '2', width: 1, highlight: false },
      { source: '2', target: '0', width: 3, highlight: true },
      { source: '2', target: '1', width: 3, highlight: false },
      { source: '0', target: '9', width: 1, highlight: false },
    ], banks);
    expect(groups.map((g) => [g.kind, g.colour, g.width, g.shapes.length])).toEqual([
      ['line', LOAN_COLOUR, 1, 2],
      ['line', LOAN_COLOUR, 3, 1],
      ['head', LOAN_ARROW_COLOUR, undefined, 3],
      ['line', SELECTION_COLOUR, 3, 1],
      ['head', SELECTION_COLOUR, undefined, 1],
    ]);
  });

  it('reads the loans shown from Cytoscape: not a gone one, the highlighted ones marked', () => {
    const cy = graph();
    updateGraph(cy, payload([node('0'), node('1'), node('2', { tier: 1 })], [{ source: '2', target: '0', weight: 5000 }]));
    cy.getElementById('2>0').addClass('highlight');
    const { loans, banks: on } = loansOn(cy);
    expect(loans).toEqual([{ source: '2', target: '0', width: cy.getElementById('2>0').data('width'), highlight: true }]);
    expect(on.get('2')).toEqual({ x: 0, y: 100, radius: 22 });
    expect(on.get('1')).toEqual({ x: 100, y: 0, radius: 8 });
  });

  it('leaves the loans to this layer: Cytoscape draws none of them', () => {
    const cy = graph();
    expect(cy.edges().map((e) => e.pstyle('display').value)).toEqual(['none', 'none']);
    expect(cy.nodes().map((n) => n.pstyle('display').value)).toEqual(['element', 'element', 'element']);
  });
});

describe('the loan layer', () => {
  function layer() {
    const cy = graph();
    const { canvas, calls } = recordingCanvas();
    const f = frames();
    const loans = createLoanLayer({ cy, canvas, requestFrame: f.requestFrame, cancelFrame: () => {} });
    f.run();
    calls.length = 0;
    return { cy, canvas, calls, f, loans };
  }

  it('paints at Cytoscape\'s pan and zoom on a canvas the size of the graph', () => {
    const { cy, canvas, calls, f } = layer();
    cy.viewport({ zoom: 2, pan: { x: 30, y: 40 } });
    f.run();
    expect([canvas.width, canvas.height]).toEqual([300, 200]);
    expect(calls.filter((c) => c[0] === 'setTransform')).toEqual([['setTransform', 1, 0, 0, 1, 0, 0], ['setTransform', 2, 0, 0, 2, 30, 40]]);
    expect(calls.filter((c) => c[0] === 'stroke' || c[0] === 'fill').map((c) => c[1]))
      .toEqual([LOAN_COLOUR, LOAN_COLOUR, LOAN_ARROW_COLOUR]);
  });

  it('paints again, once a frame, when a loan comes, goes, changes width or is highlighted', () => {
    const { cy, f, loans } = layer();
    const before = loans.draws();
    updateGraph(cy, payload([node('0'), node('1'), node('2', { tier: 1 })], [{ source: '0', target: '1', weight: 50000 }]));
    cy.getElementById('0>1').addClass('highlight');
    expect(f.pending()).toBe(1);
    f.run();
    expect(loans.draws()).toBe(before + 1);
  });

  it('does not paint when only a bank\'s look changes (its colour, its glow, its failure)', () => {
    const { cy, f, loans } = layer();
    const before = loans.draws();
    updateGraph(cy, payload([node('0', { capital_ratio: 0.01, stress: 0.9 }), node('1', { status: 'defaulted' }), node('2', { tier: 1 })],
      [{ source: '0', target: '1', weight: 5 }, { source: '2', target: '0', weight: 5000 }]));
    cy.getElementById('1').select();
    expect(f.pending()).toBe(0);
    f.run();
    expect(loans.draws()).toBe(before);
  });

  it('stops listening once disposed', () => {
    const { cy, f, loans } = layer();
    loans.dispose();
    cy.viewport({ zoom: 3, pan: { x: 0, y: 0 } });
    updateGraph(cy, payload([node('0'), node('1'), node('2', { tier: 1 })], []));
    expect(f.pending()).toBe(0);
  });
});
