import { describe, expect, it } from 'vitest';
import { CENTRED_SHARE, centredWithin, freeArea, keptCentre, overlaps, placeIn, REFIT_GAIN, viewportFor } from './fitArea.js';

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

  it('prefers an area that keeps the graph centred when it draws the graph nearly as large (a world\'s tag in a corner)', () => {
    // A Compare pane, 705 × 520: the headline across the top, the world's tag in the bottom-left corner.
    // Beside the tag the network could be drawn 5 % larger, but 130 px right of the centre; above it, centred.
    const headline = rect(12, 10, 690, 90);
    const tag = rect(12, 485, 258, 515);
    const area = freeArea({ width: 705, height: 520, boxes: [headline, tag], graph: square, padding: 16 });
    expect(area).toEqual(rect(0, 90, 705, 485));
    const { zoom, pan } = viewportFor({ x1: -50, y1: -50, w: 100, h: 100 }, area, { padding: 16, centre: { x: 352.5, y: 260 } });
    expect(pan.x).toBeCloseTo(352.5);  // the graph's centre (0, 0) at the pane's centre across
    expect(zoom).toBeCloseTo((395 - 32) / 100);
    // Far larger beside the box: the larger wins (CENTRED_SHARE).
    const tall = rect(12, 300, 258, 515);
    expect(freeArea({ width: 705, height: 520, boxes: [headline, tall], graph: square, padding: 16 })).toEqual(rect(258, 90, 705, 520));
    expect(CENTRED_SHARE).toBeGreaterThan(0.8);
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

  it('places the graph nearest a given centre that keeps it and its padding inside the area', () => {
    // The corner-legend case above: the area starts at x = 240, but the graph fits centred in the stage.
    const area = rect(240, 44, 900, 400);
    const { pan } = viewportFor({ x1: -100, y1: -100, w: 200, h: 200 }, area, { padding: 8, centre: { x: 450, y: 200 } });
    expect(pan).toEqual({ x: 450, y: 222 });  // across at the stage's centre; down, the area allows only its own
    // Pushed against the area's edge when the centre is too near a box; centred where the area is too small.
    expect(placeIn(area, { w: 200, h: 200 }, 1.7, 8, { x: 300, y: 200 })).toEqual({ x: 240 + 178, y: 222 });
    expect(placeIn(rect(0, 0, 100, 100), { w: 200, h: 200 }, 1, 0, { x: 0, y: 0 })).toEqual({ x: 50, y: 50 });
  });

  it('marks the part of an area centred on a point', () => {
    expect(centredWithin(rect(240, 44, 900, 400), { x: 450, y: 222 })).toEqual(rect(240, 44, 660, 400));
  });

  it('keeps the zoom within its bounds', () => {
    expect(viewportFor({ x1: 0, y1: 0, w: 10, h: 10 }, rect(0, 0, 1000, 1000), { maxZoom: 4 }).zoom).toBe(4);
    expect(viewportFor({ x1: 0, y1: 0, w: 1e6, h: 1e6 }, rect(0, 0, 100, 100), { minZoom: 0.01 }).zoom).toBe(0.01);
  });
});

describe('keptCentre: a box over the graph changed', () => {
  // A 100 × 100 network drawn at zoom 2 from (100, 60): its rendered box is (100, 60)–(300, 260).
  const bounds = { x1: 0, y1: 0, w: 100, h: 100 };
  const current = { zoom: 2, pan: { x: 100, y: 60 } };

  it('keeps the view while every bank stays clear of the boxes and the fit would not draw them notably larger', () => {
    // The headline grew a little: the free area now starts at y 56, above the banks.
    expect(keptCentre(current, bounds, rect(0, 56, 800, 400), { zoom: 2.04 })).toEqual({ x: 200, y: 160 });
    expect(REFIT_GAIN).toBe(0.05);
  });

  it('refits when a box would cover a bank, or cut one off', () => {
    expect(keptCentre(current, bounds, rect(0, 70, 800, 400), { zoom: 1.9 })).toBeNull();
    expect(keptCentre(current, bounds, rect(0, 0, 280, 400), { zoom: 1.8 })).toBeNull();
  });

  it('refits when the boxes freed enough room to draw the banks more than 5 % larger', () => {
    expect(keptCentre(current, bounds, rect(0, 0, 800, 400), { zoom: 2.2 })).toBeNull();
    expect(keptCentre(current, bounds, rect(0, 0, 800, 400), { zoom: Number.NaN })).toBeNull();
  });
});
