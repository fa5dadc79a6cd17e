// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fitAreaBox, markFitArea, overlayElements } from './viewportFit.js';

function stage(html) {
  const element = document.createElement('section');
  element.className = 'stage';
  element.innerHTML = html;
  return element;
}

describe('the boxes over the graph', () => {
  it('are the stage\'s children but the graph, the loading cover and the replay frame; a group counts as its children', () => {
    const s = stage(`<div class="graph"><div class="graph-cy"></div></div>
      <div class="stage-top"><div class="headline"></div><div class="notices"></div></div>
      <details class="legend"></details><div class="loading"></div><div class="replay-frame"></div>
      <div class="replay-badge"></div><div class="stage-foot"><div class="world-tag"></div><div class="replay-badge"></div></div>
      <div class="toast"></div>`);
    expect(overlayElements(s).map((e) => e.className)).toEqual(['headline', 'notices', 'legend', 'replay-badge', 'world-tag', 'replay-badge']);
  });
});

describe('the area the banks were fitted in, marked on the graph\'s container', () => {
  it('reads back as a box in the page\'s coordinates from the graph\'s element; unmarked, there is none', () => {
    const graph = stage('<div class="graph"><div class="graph-cy"></div><canvas></canvas></div>').firstElementChild;
    const container = graph.firstElementChild;
    container.getBoundingClientRect = () => ({ left: 700, top: 120, width: 680, height: 500 });
    expect(fitAreaBox(graph)).toBe(null);
    markFitArea(container, { x1: 96.4, y1: 0, x2: 680, y2: 452.6 });
    expect(fitAreaBox(graph)).toEqual({ left: 796, top: 120, width: 584, height: 453 });
    expect(fitAreaBox(container)).toEqual(fitAreaBox(graph));
    markFitArea(container, null);  // the reader moved the view
    expect(fitAreaBox(graph)).toBe(null);
  });
});
