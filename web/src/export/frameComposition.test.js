import { describe, expect, it } from 'vitest';
import {
  CLIP_MAX_WIDTH, HEADLINE_LINES, backgroundColour, captionText, factSpans, flowLines, frameSize, graphOrigin, headlineLayout,
  layerPlacement, legendItems, panesFrameSize, roughMeasure,
} from './frameComposition.js';
import { GIF_MAX_WIDTH } from './gifFormat.js';
import { LEGEND_ROWS } from '../components/legendEntries.js';
import { headlineFacts } from '../components/headlineFacts.js';

describe('frameSize', () => {
  it('stacks the headline band, the graph at its CSS size (1× screen), the legend band and the caption band', () => {
    const size = frameSize({ width: 900, height: 600 });
    expect(size).toMatchObject({ width: 900, graphHeight: 600, scale: 1, panes: [{ x: 0, width: 900 }] });
    expect(size.headline).toEqual({ top: 0, height: 70, fontSize: 17, padding: 9 });  // two lines of 26 px
    expect(size.graphTop).toBe(70);
    expect(size.legend).toMatchObject({ top: 670, fontSize: 14 });
    expect(size.legend.height).toBeGreaterThan(0);
    expect(size.caption).toEqual({ top: size.legend.top + size.legend.height, height: 28, fontSize: 17, padding: 11 });
    expect(size.height).toBe(size.caption.top + 28);
  });

  it('flows the legend over as few lines as the width allows, every item inside its band', () => {
    const wide = frameSize({ width: 1200, height: 600 });
    const narrow = frameSize({ width: 400, height: 300 });
    const lines = (size) => new Set(size.legend.items.map((i) => i.y)).size;
    expect(lines(narrow)).toBeGreaterThan(lines(wide));
    expect(wide.legend.height).toBeGreaterThanOrEqual(lines(wide) * wide.legend.lineHeight + 2 * wide.legend.padding);  // even
    for (const size of [wide, narrow]) {
      expect(size.legend.items).toHaveLength(legendItems().length);
      for (const { x, y } of size.legend.items) {
        expect(x).toBeGreaterThanOrEqual(size.legend.padding);
        expect(x).toBeLessThan(size.width);
        expect(y).toBeGreaterThan(size.legend.top);
        expect(y).toBeLessThan(size.legend.top + size.legend.height);
      }
    }
  });

  it('records at the device pixel ratio, but never wider than the cap', () => {
    expect(frameSize({ width: 500, height: 400 }, { pixelRatio: 2 })).toMatchObject({ width: 1000, graphHeight: 800, scale: 2 });
    const wide = frameSize({ width: 1000, height: 700 }, { pixelRatio: 2 });
    expect(wide.width).toBe(CLIP_MAX_WIDTH);
    expect(wide.scale).toBeCloseTo(1.28);
    expect(wide.graphHeight).toBe(896);
  });

  it('scales a graph wider than the cap down, or to a smaller cap (a GIF\'s 800 px)', () => {
    expect(frameSize({ width: 2560, height: 1000 })).toMatchObject({ width: 1280, graphHeight: 500, scale: 0.5 });
    expect(frameSize({ width: 1048, height: 544 }, { maxWidth: 800 })).toMatchObject({ width: 800, graphHeight: 416 });
  });

  it('gives even dimensions (encoders need them) and readable bands on a small graph', () => {
    const size = frameSize({ width: 333, height: 201 });
    expect(size.width % 2).toBe(0);
    expect(size.height % 2).toBe(0);
    expect(size.caption.height).toBe(22);
    expect(size.legend.fontSize).toBeGreaterThanOrEqual(10);
  });

  it('refuses a graph with no area', () => {
    expect(() => frameSize({ width: 0, height: 400 })).toThrow(RangeError);
  });
});

describe('panesFrameSize (a comparison\'s two graphs side by side)', () => {
  it('places the graphs left to right at one scale, the bands\' type sized for one pane, one legend across', () => {
    const size = panesFrameSize([{ width: 600, height: 400 }, { width: 600, height: 400 }]);
    expect(size).toMatchObject({ width: 1200, graphHeight: 400, scale: 1 });
    expect(size.panes).toEqual([{ x: 0, width: 600 }, { x: 600, width: 600 }]);
    expect(size.caption.height).toBe(22);  // sized for one pane (600 px), not the whole frame
    expect(Math.max(...size.legend.items.map((i) => i.x))).toBeGreaterThan(600);  // the legend spans both
  });

  it('keeps both together within the cap, at the device pixel ratio when they fit', () => {
    const wide = panesFrameSize([{ width: 700, height: 500 }, { width: 700, height: 520 }], { pixelRatio: 2 });
    expect(wide.width).toBeLessThanOrEqual(CLIP_MAX_WIDTH);
    expect(wide.scale).toBeCloseTo(1280 / 1400);
    expect(wide.panes[1].x).toBe(wide.panes[0].width);
    expect(wide.graphHeight).toBe(476);  // the taller graph's, scaled and even
  });

  it('is frameSize for one graph, and refuses an empty or flat one', () => {
    expect(panesFrameSize([{ width: 900, height: 600 }])).toEqual(frameSize({ width: 900, height: 600 }));
    expect(() => panesFrameSize([{ width: 500, height: 400 }, { width: 500, height: 0 }])).toThrow(RangeError);
    expect(() => panesFrameSize([])).toThrow(RangeError);
  });
});

describe('layerPlacement', () => {
  const graph = { left: 100, top: 50, width: 800, height: 600 };

  it('places a layer covering the graph over the whole graph area, under the headline band', () => {
    expect(layerPlacement(graph, { left: 100, top: 50, width: 800, height: 600 }, 1.5))
      .toEqual({ x: 0, y: 0, width: 1200, height: 900 });
    expect(layerPlacement(graph, { left: 100, top: 50, width: 800, height: 600 }, 1, { x: 0, y: 68 }))
      .toEqual({ x: 0, y: 68, width: 800, height: 600 });
  });

  it('keeps an offset layer where it is, scaled, from its pane\'s origin', () => {
    expect(layerPlacement(graph, { left: 110, top: 70, width: 200, height: 100 }, 2))
      .toEqual({ x: 20, y: 40, width: 400, height: 200 });
    expect(layerPlacement(graph, { left: 110, top: 70, width: 200, height: 100 }, 1, { x: 600, y: 68 }))
      .toEqual({ x: 610, y: 88, width: 200, height: 100 });
  });

  it('skips a hidden layer', () => {
    expect(layerPlacement(graph, { left: 0, top: 0, width: 0, height: 0 }, 1)).toBeNull();
  });
});

describe('graphOrigin (where a pane\'s graph is drawn)', () => {
  const frame = panesFrameSize([{ width: 600, height: 400 }, { width: 600, height: 400 }], { pixelRatio: 2 });  // scale 1280 / 1200
  const graphB = { left: 620, top: 100, width: 600, height: 400 };
  const centreOf = (origin, graph, box) => ({  // where `box`'s centre lands in the frame
    x: origin.x + (box.left + box.width / 2 - graph.left) * frame.scale,
    y: origin.y + (box.top + box.height / 2 - graph.top) * frame.scale,
  });

  it('puts the centre of the area the page fitted the banks in at the centre of its pane\'s graph area', () => {
    const [a, b] = frame.panes;
    const focusA = { left: 80, top: 100, width: 520, height: 400 };  // a tag on the left: the banks 80 px to the right
    const graphA = { left: 0, top: 100, width: 600, height: 400 };
    const centreA = centreOf(graphOrigin(frame, a, graphA, focusA), graphA, focusA);
    expect(centreA.x).toBeCloseTo(a.x + a.width / 2, 0);
    expect(centreA.y).toBeCloseTo(frame.graphTop + frame.graphHeight / 2, 0);
    const focusB = { left: 750, top: 130, width: 470, height: 370 };  // world B's wider tag, and a notice above
    const centreB = centreOf(graphOrigin(frame, b, graphB, focusB), graphB, focusB);
    expect(centreB.x).toBeCloseTo(b.x + b.width / 2, 0);  // B's half, with B's own offset
    expect(centreB.y).toBeCloseTo(frame.graphTop + frame.graphHeight / 2, 0);
  });

  it('centres the graph\'s element when nothing was fitted (the reader moved the view), in whole pixels', () => {
    const origin = graphOrigin(frame, frame.panes[1], graphB);
    expect(origin).toEqual({ x: frame.panes[1].x, y: frame.graphTop });
    const short = panesFrameSize([{ width: 600, height: 400 }, { width: 600, height: 300 }]);
    const lower = graphOrigin(short, short.panes[1], { left: 600, top: 0, width: 600, height: 300 });
    expect(lower).toEqual({ x: 600, y: short.graphTop + 50 });  // the shorter graph in the middle of its pane, not at its top
    const odd = graphOrigin(frame, frame.panes[0], { left: 0, top: 0, width: 600, height: 400 }, { left: 33, top: 0, width: 500, height: 400 });
    expect(Number.isInteger(odd.x) && Number.isInteger(odd.y)).toBe(true);
  });
});

describe('a GIF\'s frame and a clip\'s: one frame at two sizes', () => {
  const facts = headlineFacts({ state: { timestep: 45, scenario: 'liquidity_freeze', asset_price: 0.674 },
    metrics: { defaulted_banks: 53, active_banks: 47 }, policy: 'heuristic+no_hoard' }, { showPolicy: true });
  const cases = {
    'a comparison\'s two worlds': [{ width: 700, height: 520 }, { width: 700, height: 520 }],
    'a comparison on a small screen': [{ width: 480, height: 400 }, { width: 480, height: 400 }],
    'one wide graph': [{ width: 1200, height: 700 }],
  };
  for (const [name, boxes] of Object.entries(cases)) {
    it(`${name}: the headline, the caption and the legend the same share of the frame, the facts on the same lines`, () => {
      for (const pixelRatio of [1, 2]) {
        const clip = panesFrameSize(boxes, { pixelRatio });
        const gif = panesFrameSize(boxes, { pixelRatio, maxWidth: GIF_MAX_WIDTH });
        expect(gif.width).toBeLessThan(clip.width);
        const share = (frame, px) => px / frame.width;
        for (const [i, pane] of clip.panes.entries()) {
          const inClip = headlineLayout(facts, clip, roughMeasure, pane);
          const inGif = headlineLayout(facts, gif, roughMeasure, gif.panes[i]);
          expect(share(gif, inGif.fontSize)).toBeCloseTo(share(clip, inClip.fontSize), 4);
          const lines = (layout) => layout.facts.map((f) => f.y);
          expect(new Set(lines(inGif)).size).toBe(new Set(lines(inClip)).size);
        }
        expect(share(gif, gif.headline.height)).toBeCloseTo(share(clip, clip.headline.height), 2);
        expect(share(gif, gif.caption.fontSize)).toBeCloseTo(share(clip, clip.caption.fontSize), 4);
        expect(share(gif, gif.legend.fontSize)).toBeCloseTo(share(clip, clip.legend.fontSize), 4);
      }
    });
  }
});

describe('captionText', () => {
  const shown = { scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', timestep: 13 };

  it('names the run and the step', () => {
    expect(captionText(shown)).toBe('FinSim · Liquidity freeze · seed 42 · heuristic · step 13');
  });

  it('marks a replayed step', () => {
    expect(captionText(shown, { replaying: true })).toBe('FinSim · Liquidity freeze · seed 42 · heuristic · step 13 (replay)');
  });

  it('is just the name before the first snapshot', () => {
    expect(captionText(null)).toBe('FinSim');
  });

  it('carries a title, such as the world of a comparison', () => {
    expect(captionText(shown, { title: 'B: No hoarding' })).toBe('FinSim · B: No hoarding · Liquidity freeze · seed 42 · heuristic · step 13');
    expect(captionText(null, { title: 'A' })).toBe('FinSim · A');
  });
});

describe('backgroundColour', () => {
  it('takes the nearest opaque colour', () => {
    expect(backgroundColour(['rgba(0, 0, 0, 0)', 'transparent', 'rgb(7, 11, 20)', 'rgb(255, 255, 255)'])).toBe('rgb(7, 11, 20)');
  });

  it('falls back to the page colour when everything is transparent', () => {
    expect(backgroundColour(['rgba(0, 0, 0, 0)'])).toBe('#070b14');
  });
});

describe('flowLines', () => {
  it('fills a line, then starts the next', () => {
    expect(flowLines([40, 40, 40], 100, 10)).toEqual([{ line: 0, x: 0 }, { line: 0, x: 50 }, { line: 1, x: 0 }]);
  });

  it('gives an item wider than a line a line of its own', () => {
    expect(flowLines([150, 20], 100, 10)).toEqual([{ line: 0, x: 0 }, { line: 1, x: 0 }]);
  });
});

describe('the legend in a frame', () => {
  it('says what the page legend says: every row, every mark, in its words and with its glyph', () => {
    const items = legendItems();
    const words = items.map((i) => i.text);
    expect(words).toEqual(expect.arrayContaining(['capital: strong → thin', 'glow: stress', 'failed bank', 'core · tier 2 · tier 3',
      'loan, lender → borrower; thicker = larger', 'lend', 'hoard', 'fire sale', 'default', 'loan recalled', 'borrower paid back', 'forced sale', 'borrower called',
      'creditor lost', 'price reached', 'loan called by a failed lender']));
    expect(items).toHaveLength(LEGEND_ROWS.filter((r) => !r.marks).length + LEGEND_ROWS.flatMap((r) => r.marks ?? []).length);
    expect(items.find((i) => i.text === 'creditor lost')).toEqual({ glyph: 'loss', text: 'creditor lost' });
    expect(items.find((i) => i.text === 'shock withdrew deposits')).toEqual({ glyph: 'shock', text: 'shock withdrew deposits' });
  });
});

describe('the headline in a frame', () => {
  const facts = headlineFacts({
    state: { timestep: 31, scenario: 'liquidity_freeze', asset_price: 0.8123, current_policy: 'heuristic+no_hoard' },
    metrics: { defaulted_banks: 3, active_banks: 97 }, policy: 'heuristic', replaying: true,
  }, { showPolicy: true });

  it('writes each fact as the page does: label, value, replay tag, detail', () => {
    expect(facts.map(factSpans).map((spans) => spans.map((s) => s.text).join(''))).toEqual([
      'STEP 31 REPLAY', 'SCENARIO Liquidity freeze', 'POLICY Heuristic', 'BANKS NOW FOLLOW Heuristic, no hoarding',
      `ASSET PRICE ${facts[4].value}`, '3 banks have failed · 97 standing',
    ]);
    expect(factSpans(facts[5])[0].style).toBe('bad');
  });

  it('places every fact in the headline band, on at most its lines, left to right', () => {
    const frame = frameSize({ width: 1048, height: 544 });
    const layout = headlineLayout(facts, frame);
    expect(layout.fontSize).toBe(frame.headline.fontSize);
    expect(layout.facts.map((f) => f.fact.key)).toEqual(facts.map((f) => f.key));
    const lines = new Set(layout.facts.map((f) => f.y));
    expect(lines.size).toBeLessThanOrEqual(HEADLINE_LINES);
    for (const { x, y } of layout.facts) {
      expect(y).toBeGreaterThan(frame.headline.top);
      expect(y).toBeLessThan(frame.graphTop);
      expect(x).toBeLessThan(frame.width);
    }
  });

  it('places a pane\'s facts above that pane', () => {
    const frame = panesFrameSize([{ width: 600, height: 400 }, { width: 600, height: 400 }]);
    const layout = headlineLayout(facts, frame, roughMeasure, frame.panes[1]);
    for (const { x } of layout.facts) {
      expect(x).toBeGreaterThanOrEqual(600);
      expect(x).toBeLessThan(1200);
    }
  });

  it('shrinks its font on a narrow frame rather than leave a fact out', () => {
    const frame = frameSize({ width: 360, height: 300 });
    const layout = headlineLayout(facts, frame, roughMeasure);
    expect(layout.fontSize).toBeLessThan(frame.headline.fontSize);
    expect(layout.facts).toHaveLength(facts.length);
  });
});
