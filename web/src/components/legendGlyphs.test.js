import { describe, expect, it } from 'vitest';
import { GLYPH_BOX, GLYPH_KEYS, drawGlyph, glyphWidth } from './legendGlyphs.js';
import { LEGEND_ROWS } from './legendEntries.js';
import { MARK_COLOURS } from '../animation/consequenceEffects.js';

// A 2D context that records, in its own (untransformed) units, every point a path passes through — arcs
// as their extreme points — with the colours stroked and filled and the width of each stroke.
function recordingContext() {
  const points = [];
  const inks = [];
  let tx = 0;
  let ty = 0;
  let s = 1;
  const stack = [];
  const ctx = {
    globalAlpha: 1, strokeStyle: null, fillStyle: null, lineWidth: 1,
    save() { stack.push([tx, ty, s]); }, restore() { [tx, ty, s] = stack.pop(); },
    translate(x, y) { tx += x * s; ty += y * s; }, scale(k) { s *= k; },
    beginPath() {}, setLineDash() {}, rect(x, y, w, h) { this.moveTo(x, y); this.moveTo(x + w, y + h); },
    fillRect(x, y, w, h) { this.rect(x, y, w, h); this.fill(); },
    moveTo(x, y) { points.push([tx + x * s, ty + y * s, this.lineWidth * s]); }, lineTo(x, y) { this.moveTo(x, y); },
    arc(x, y, r) { for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r]]) this.moveTo(x + dx, y + dy); },
    stroke() { if (this.globalAlpha > 0) inks.push(String(this.strokeStyle)); },
    fill() { if (this.globalAlpha > 0) inks.push(String(this.fillStyle)); },
  };
  return { ctx, points, inks };
}

const markGlyphs = LEGEND_ROWS.flatMap((row) => row.marks ?? []);

describe('the legend\'s glyphs', () => {
  it('every mark of the legend has a glyph, and every glyph is a mark of the legend', () => {
    expect(markGlyphs.map((m) => m.glyph).sort()).toEqual([...GLYPH_KEYS].sort());
  });

  it.each(GLYPH_KEYS)('%s: drawn by its effect inside its box, stroke widths included', (key) => {
    const { ctx, points, inks } = recordingContext();
    const height = 18;
    drawGlyph(ctx, key, { x: 100, y: 50, height });
    expect(inks.length).toBeGreaterThan(1);  // the bank, then the mark
    const width = glyphWidth(height);
    for (const [x, y, line] of points) {
      expect(x - line / 2).toBeGreaterThanOrEqual(100 - 0.5);
      expect(x + line / 2).toBeLessThanOrEqual(100 + width + 0.5);
      expect(Math.abs(y - 50) + line / 2).toBeLessThanOrEqual(height / 2 + 0.5);
    }
    expect(width / height).toBeCloseTo(GLYPH_BOX.width / GLYPH_BOX.height);
  });

  it('draws each consequence mark in the colour the graph draws it in', () => {
    const colourOf = (key) => {
      const { ctx, inks } = recordingContext();
      drawGlyph(ctx, key, { x: 0, y: 0, height: 18 });
      return inks;
    };
    expect(colourOf('run')).toContain(MARK_COLOURS.run);
    expect(colourOf('shock')).toContain(MARK_COLOURS.shock);
    expect(colourOf('recall')).toContain(MARK_COLOURS.recall);
    expect(colourOf('recallHit')).toContain(MARK_COLOURS.borrowerHit);
    expect(colourOf('loss')).toContain(MARK_COLOURS.loss);
    expect(colourOf('call')).toContain(MARK_COLOURS.call);
    expect(colourOf('priceReach')).toContain(MARK_COLOURS.priceReach);
    expect(colourOf('nothing')).toEqual([]);
  });
});
