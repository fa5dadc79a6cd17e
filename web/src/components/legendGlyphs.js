// Each mark of the legend drawn by the graph's own effect (animation/effects.js,
// animation/consequenceEffects.js) on a miniature — a grey bank, or two joined by a loan — frozen at a
// moment where the mark reads. The page's legend (Legend.jsx) and a recorded clip's legend band
// (export/frameOverlays.js) draw these, so the legend shows the marks the graph shows, in their shapes
// and colours, rather than a typographic stand-in for them.
import { fireSaleEffect, hoardEffect, lendEffect, defaultEffect } from '../animation/effects.js';
import { callEffect, lossEffect, priceReachEffect, recallEffect, withdrawalEffect } from '../animation/consequenceEffects.js';
import { LOAN_COLOUR } from '../graph/loanLayer.js';

/** A glyph's box in the effects' model units, centred on 0,0: width × height (aspect 3 : 2). */
export const GLYPH_BOX = { width: 60, height: 40 };
/** A glyph's width for a given height. */
export const glyphWidth = (height) => (height * GLYPH_BOX.width) / GLYPH_BOX.height;

const R = 6;  // a miniature bank's radius
const BANK_FILL = '#64748b';
const at = (x, y) => ({ x, y });
const bank = (x, y) => ({ at: at(x, y), radius: R });
const LEFT = at(-21, 0);
const RIGHT = at(21, 0);
const loan = [{ from: RIGHT, to: LEFT }];  // a flow from the borrower (right) to the lender (left)
// A failed bank's links, fading as it collapses: spokes to five neighbours.
const spokes = [0, 1, 2, 3, 4].map((k) => at(22 * Math.cos((2 * Math.PI * k) / 5 - Math.PI / 2), 17 * Math.sin((2 * Math.PI * k) / 5 - Math.PI / 2)));

/**
 * Per mark: the banks drawn under it (and the loan between them, for a mark that runs along one), the
 * effect, and the moment `p` of it drawn. Keys are the legend rows' `glyph` (components/legendEntries.js).
 */
const GLYPHS = {
  lend: { banks: [LEFT, RIGHT], loan: true, effect: () => lendEffect({ from: LEFT, to: RIGHT }), p: 0.55 },
  hoard: { banks: [at(0, 6)], effect: () => hoardEffect(bank(0, 6)), p: 0.6 },
  sale: { banks: [at(0, 0)], effect: () => fireSaleEffect({ ...bank(0, 0), forced: false }), p: 0.06 },
  forcedSale: { banks: [at(0, 0)], effect: () => fireSaleEffect({ ...bank(0, 0), forced: true }), p: 0.06 },
  default: { banks: [], effect: () => defaultEffect({ ...bank(0, 0), neighbours: spokes }), p: 0.12 },
  recall: { banks: [LEFT, RIGHT], loan: true, effect: () => recallEffect({ loans: loan, hit: [] }), p: 0.3 },
  recallHit: { banks: [at(0, 0)], effect: () => recallEffect({ loans: [], hit: [bank(0, 0)] }), p: 0.3 },
  loss: { banks: [at(0, 0)], effect: () => lossEffect({ losses: [], hit: [bank(0, 0)] }), p: 0.5 },
  priceReach: { banks: [at(0, 0)], effect: () => priceReachEffect({ banks: [bank(0, 0)] }), p: 0.3 },
  call: { banks: [LEFT, RIGHT], loan: true, effect: () => callEffect({ loans: loan, hit: [] }), p: 0.3 },
  callHit: { banks: [at(0, 0)], effect: () => callEffect({ loans: [], hit: [bank(0, 0)] }), p: 0.5 },
  run: { banks: [at(0, 0)], effect: () => withdrawalEffect({ banks: [bank(0, 0)], kind: 'run' }), p: 0.02 },
  shock: { banks: [at(0, 0)], effect: () => withdrawalEffect({ banks: [bank(0, 0)], kind: 'shock' }), p: 0.02 },
};

/** The glyphs there are. */
export const GLYPH_KEYS = Object.keys(GLYPHS);

/**
 * Draws glyph `key` on `ctx` in a box `height` tall whose left edge is at `x` and vertical centre at
 * `y` (the context's units); leaves the context as it found it. Unknown keys draw nothing.
 */
export function drawGlyph(ctx, key, { x, y, height }) {
  const glyph = GLYPHS[key];
  if (!glyph) return;
  const scale = height / GLYPH_BOX.height;
  ctx.save();
  ctx.translate(x + glyphWidth(height) / 2, y);
  ctx.scale(scale, scale);
  ctx.globalAlpha = 1;
  if (glyph.loan) {  // the loan as the graph draws it, under the mark that runs along it
    ctx.strokeStyle = LOAN_COLOUR;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(LEFT.x, LEFT.y);
    ctx.lineTo(RIGHT.x, RIGHT.y);
    ctx.stroke();
  }
  ctx.fillStyle = BANK_FILL;
  ctx.beginPath();
  for (const b of glyph.banks) {
    ctx.moveTo(b.x + R, b.y);
    ctx.arc(b.x, b.y, R, 0, Math.PI * 2);
  }
  ctx.fill();
  glyph.effect().draw(ctx, glyph.p);
  ctx.restore();
}
