// How the marks of a step's consequences look (consequences.js says which loans and banks get them).
// Effects as in effects.js ({duration, draw(ctx, p)} in the graph's model coordinates, removed at
// p = 1), but one effect per kind of mark and step, however many loans it marks: every line of a kind
// goes into one path and one stroke, so a hundred marked loans cost a frame what one does.
//
// Each mark is told apart from the acting bank's own effect by its shape: the hoarder's ring closes in
// solid with a padlock, its borrowers hit get a dashed ring; a failed bank collapses in red, its
// creditors who lost get a dashed pink ring, its borrowers whose loans its administrator called a
// long-dashed cyan ring (not orange: that is a fire sale's); the price drop dims the screen, the banks
// it reached get a thin violet ring. Deposits leaving a bank (to the depositors outside the network)
// are short ticks streaming outward from it: blue for a depositors' run, white for the scenario's
// withdrawal shock.

const TAU = Math.PI * 2;
const easeInOut = (p) => (p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2);
/**
 * Lines are dimmed when many are marked at once (a crisis step recalls a hundred loans): the rings on the
 * banks stay at full strength, the lines between them stay legible as a mesh instead of a blaze.
 */
export const lineStrength = (count) => Math.min(1, Math.sqrt(40 / Math.max(1, count)));
/** Full strength for the first `hold` of the effect, then a linear fade: a mark must be read, not glimpsed. */
const held = (p, hold) => (p < hold ? 1 : 1 - (p - hold) / (1 - hold));

export const MARK_COLOURS = {
  recall: '#fbbf24', borrowerHit: '#fde047', loss: '#f472b6', call: '#22d3ee', priceReach: '#c4b5fd', run: '#78b6ff', shock: '#f8fafc',
};
export const MARK_DURATIONS = { recall: 2200, loss: 2200, call: 2200, priceReach: 1400, withdrawal: 2000 };

// Starts one path to be stroked in `colour` at `alpha` and `width`.
function beginStroke(ctx, colour, alpha, width) {
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
}

function strokeRings(ctx, banks, gap, { colour, alpha, width, dash = null }) {
  if (!banks.length || alpha <= 0) return;
  if (dash) ctx.setLineDash(dash);
  beginStroke(ctx, colour, alpha, width);
  for (const { at, radius } of banks) {
    ctx.moveTo(at.x + radius + gap, at.y);
    ctx.arc(at.x, at.y, radius + gap, 0, TAU);
  }
  ctx.stroke();
  if (dash) ctx.setLineDash([]);
}

/** Lines from → to fading, with a dot travelling along each (q in [0, 1] of the way). */
function strokeFlows(ctx, flows, q, { colour, alpha, width, dot }) {
  if (!flows.length || alpha <= 0) return;
  beginStroke(ctx, colour, alpha, width);
  for (const { from, to } of flows) {
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
  }
  ctx.stroke();
  if (q <= 0 || q >= 1) return;
  ctx.globalAlpha = Math.min(1, alpha * 1.4);
  ctx.fillStyle = colour;
  ctx.beginPath();
  for (const { from, to } of flows) {
    const x = from.x + (to.x - from.x) * q;
    const y = from.y + (to.y - from.y) * q;
    ctx.moveTo(x + dot, y);
    ctx.arc(x, y, dot, 0, TAU);
  }
  ctx.fill();
}

/**
 * Money travelling along loans, then rings on the banks it reached: a line per flow lights up with a dot
 * moving from `from` to `to` over the first `travel` of the mark, and each bank hit gets a dashed ring
 * that stays while the lines fade. The shape of a recall and of a creditor's loss.
 */
function flowsThenRings({ duration, flows, hit, travel, line, ring }) {
  return {
    duration,
    draw(ctx, p) {
      const alpha = held(p, 0.55);
      strokeFlows(ctx, flows, easeInOut(Math.min(1, p / travel)), {
        colour: line.colour, alpha: line.alpha * alpha * lineStrength(flows.length), width: 2.2, dot: 4,
      });
      const ringAlpha = ring.fadeIn ? Math.min(1, p / ring.fadeIn) * alpha : alpha;
      strokeRings(ctx, hit, ring.gap, { colour: ring.colour, alpha: ringAlpha, width: 3, dash: ring.dash });
    },
  };
}

/**
 * A HOARD's recalled loans and borrowers hit: each loan lights up amber with the repayment travelling
 * from the borrower back to the hoarder; each borrower hit gets a dashed yellow ring that stays while
 * the loans fade. `loans`: [{from: borrower position, to: hoarder position}]; `hit`: [{at, radius}].
 */
export function recallEffect({ loans, hit }) {
  return flowsThenRings({
    duration: MARK_DURATIONS.recall, flows: loans, hit, travel: 0.6,
    line: { colour: MARK_COLOURS.recall, alpha: 0.8 },
    ring: { colour: MARK_COLOURS.borrowerHit, gap: 5, dash: [5, 3] },
  });
}

/**
 * A DEFAULT's creditors who lost: the loss travels pink from the failed bank along each loan to its
 * creditor, whose dashed pink ring appears as it arrives. `losses`: [{from: failed bank position, to:
 * creditor position}]; `hit`: [{at, radius}].
 */
export function lossEffect({ losses, hit }) {
  return flowsThenRings({
    duration: MARK_DURATIONS.loss, flows: losses, hit, travel: 0.5,
    line: { colour: MARK_COLOURS.loss, alpha: 0.85 },
    ring: { colour: MARK_COLOURS.loss, gap: 6, dash: [2, 3], fadeIn: 0.35 },
  });
}

/**
 * A failed bank's loans called by its administrator: each loan lights up cyan with the sum owed
 * travelling from the borrower to the failed bank (to its administrator, due at the next step); each
 * borrower called gets a long-dashed cyan ring. `loans`: [{from: borrower position, to: failed bank
 * position}]; `hit`: [{at, radius}].
 */
export function callEffect({ loans, hit }) {
  return flowsThenRings({
    duration: MARK_DURATIONS.call, flows: loans, hit, travel: 0.6,
    line: { colour: MARK_COLOURS.call, alpha: 0.8 },
    ring: { colour: MARK_COLOURS.call, gap: 7, dash: [8, 4], fadeIn: 0.3 },
  });
}

/** A PRICE_DROP's reach: a thin violet ring on every bank whose holdings were marked down. */
export function priceReachEffect({ banks }) {
  return {
    duration: MARK_DURATIONS.priceReach,
    draw(ctx, p) {
      strokeRings(ctx, banks, 3, { colour: MARK_COLOURS.priceReach, alpha: 0.9 * Math.min(1, p / 0.1) * held(p, 0.5), width: 2 });
    },
  };
}

/**
 * Ticks around each bank: `count` per bank, each `length` long, starting `from` outside its rim, drawn
 * over a dark edge so that they read on the red glow of a stressed bank.
 */
function strokeTicks(ctx, banks, from, { colour, alpha, width, count = 8, length = 9 }) {
  if (!banks.length || alpha <= 0) return;
  tickPath(ctx, banks, from, count, length, '#020617', alpha * 0.8, width + 2.5);
  tickPath(ctx, banks, from, count, length, colour, alpha, width);
}

function tickPath(ctx, banks, from, count, length, colour, alpha, width) {
  beginStroke(ctx, colour, alpha, width);
  for (const { at, radius } of banks) {
    for (let k = 0; k < count; k += 1) {
      const angle = (TAU * (k + 0.5)) / count;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const r = radius + from;
      ctx.moveTo(at.x + cos * r, at.y + sin * r);
      ctx.lineTo(at.x + cos * (r + length), at.y + sin * (r + length));
    }
  }
  ctx.stroke();
}

/**
 * Deposits leaving banks (a node's `run_withdrawal` or `shock_withdrawal`): short ticks stream outward
 * from each bank and fade, twice over — money walking out to depositors outside the network. `kind`:
 * 'run' (blue) or 'shock' (white); `banks`: [{at, radius}].
 */
export function withdrawalEffect({ banks, kind }) {
  const colour = kind === 'shock' ? MARK_COLOURS.shock : MARK_COLOURS.run;
  return {
    duration: MARK_DURATIONS.withdrawal,
    draw(ctx, p) {
      const wave = (p * 2) % 1;  // two waves over the mark
      strokeTicks(ctx, banks, 2 + 14 * wave, { colour, alpha: (1 - 0.5 * wave) * held(p, 0.6), width: 3 });
    },
  };
}
