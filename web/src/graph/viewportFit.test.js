// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { overlayElements } from './viewportFit.js';

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
