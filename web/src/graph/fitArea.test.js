import { describe, expect, it } from 'vitest';
import { freeArea, overlaps, viewportFor } from './fitArea.js';

const rect = (x1, y1, x2, y2) => ({ x1, y1, x2, y2 });
const square = { w: 100, h: 100 };

describe('freeArea', () => {
  it('is the whole container when nothing lies over it', () => {
    expect(freeArea({ width: 800, height: 400, graph: square })).toEqual(rect(0, 0, 800, 400));
  });

  it('keeps a full-width headline off the graph with a band under it', () => {
    const headline = rect(12, 10, 788, 50);
    expect(freeArea({ width: 800, height: 400, boxes: [headline], graph: square })).toEqual(rect(0, 50, 800, 400));
  });

  it('puts a corner legend beside a wide stage\'s round graph, where it costs no height', () => {
    // Desktop: the stage is wide, the concentric network round; a band beside the legend loses nothing.
    const headline = rect(12, 10, 600, 44);
    const legend = rect(12, 260, 240, 390);
    const area = freeArea({ width: 900, height: 400, boxes: [headline, legend], graph: square, padding: 8 });
    expect(area).toEqual(rect(240, 44, 900, 400));
    expect(overlaps(area, headline) || overlaps(area, legend)).toBe(false);
  });

  it('puts a corner legend above a tall stage\'s graph, where it costs no width', () => {
    // Phone: the stage is tall and narrow; a band above the legend is the cheaper cut.
    const headline = rect(12, 10, 358, 70);
    const legend = rect(12, 400, 120, 430);
    const area = freeArea({ width: 370, height: 440, boxes: [headline, legend], graph: square, padding: 8 });
    expect(area).toEqual(rect(0, 70, 370, 400));
  });

  it('never overlaps any box, wherever the boxes sit', () => {
    let seed = 7;
    const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let trial = 0; trial < 300; trial++) {
      const boxes = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
        const x = random() * 600;
        const y = random() * 400;
        return rect(x, y, x + 20 + random() * 300, y + 20 + random() * 150);
      });
      const area = freeArea({ width: 640, height: 420, boxes, graph: { w: 50 + random() * 200, h: 50 + random() * 200 } });
      for (const b of boxes) expect(overlaps(area, b)).toBe(false);
    }
  });

  it('ignores what lies outside the container and boxes too small to matter', () => {
    expect(freeArea({ width: 400, height: 300, boxes: [rect(500, 0, 600, 50), rect(10, 10, 14, 14)], graph: square }))
      .toEqual(rect(0, 0, 400, 300));
  });
});

describe('viewportFor', () => {
  it('centres the graph in the area at the largest zoom that leaves the padding', () => {
    const { zoom, pan } = viewportFor({ x1: -100, y1: -100, w: 200, h: 200 }, rect(240, 44, 900, 400), { padding: 8 });
    expect(zoom).toBeCloseTo((356 - 16) / 200);
    // The graph's centre (0, 0) lands on the area's centre.
    expect(pan).toEqual({ x: 570, y: 222 });
  });

  it('keeps the zoom within its bounds', () => {
    expect(viewportFor({ x1: 0, y1: 0, w: 10, h: 10 }, rect(0, 0, 1000, 1000), { maxZoom: 4 }).zoom).toBe(4);
    expect(viewportFor({ x1: 0, y1: 0, w: 1e6, h: 1e6 }, rect(0, 0, 100, 100), { minZoom: 0.01 }).zoom).toBe(0.01);
  });
});
