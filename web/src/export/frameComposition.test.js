import { describe, expect, it } from 'vitest';
import { CLIP_MAX_WIDTH, backgroundColour, captionText, frameSize, layerPlacement } from './frameComposition.js';

describe('frameSize', () => {
  it('keeps a graph at its CSS size on a 1× screen, with the caption band under it', () => {
    const size = frameSize({ width: 900, height: 600 });
    expect(size).toMatchObject({ width: 900, graphHeight: 600, scale: 1 });
    expect(size.caption).toEqual({ top: 600, height: 28, fontSize: 17, padding: 11 });
    expect(size.height).toBe(628);
  });

  it('records at the device pixel ratio, but never wider than the cap', () => {
    expect(frameSize({ width: 500, height: 400 }, { pixelRatio: 2 })).toMatchObject({ width: 1000, graphHeight: 800, scale: 2 });
    const wide = frameSize({ width: 1000, height: 700 }, { pixelRatio: 2 });
    expect(wide.width).toBe(CLIP_MAX_WIDTH);
    expect(wide.scale).toBeCloseTo(1.28);
    expect(wide.graphHeight).toBe(896);
  });

  it('scales a graph wider than the cap down', () => {
    expect(frameSize({ width: 2560, height: 1000 })).toMatchObject({ width: 1280, graphHeight: 500, scale: 0.5 });
  });

  it('gives even dimensions (encoders need them) and a readable caption on a small graph', () => {
    const size = frameSize({ width: 333, height: 201 });
    expect(size.width % 2).toBe(0);
    expect(size.height % 2).toBe(0);
    expect(size.caption.height).toBe(22);
  });

  it('refuses a graph with no area', () => {
    expect(() => frameSize({ width: 0, height: 400 })).toThrow(RangeError);
  });
});

describe('layerPlacement', () => {
  const graph = { left: 100, top: 50, width: 800, height: 600 };

  it('places a layer covering the graph over the whole frame', () => {
    expect(layerPlacement(graph, { left: 100, top: 50, width: 800, height: 600 }, 1.5))
      .toEqual({ x: 0, y: 0, width: 1200, height: 900 });
  });

  it('keeps an offset layer where it is, scaled', () => {
    expect(layerPlacement(graph, { left: 110, top: 70, width: 200, height: 100 }, 2))
      .toEqual({ x: 20, y: 40, width: 400, height: 200 });
  });

  it('skips a hidden layer', () => {
    expect(layerPlacement(graph, { left: 0, top: 0, width: 0, height: 0 }, 1)).toBeNull();
  });
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
