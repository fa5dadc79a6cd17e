// One short-lived drawing per event type (brief §8.1). An effect is {timestamp, duration, draw(ctx,
// p, view)} in the graph's model coordinates; p runs from 0 to 1 and the effect is removed at 1.
// Geometry is captured when the event arrives (positions never move during a run).

const TAU = Math.PI * 2;
const easeOut = (p) => 1 - (1 - p) ** 3;
const easeInOut = (p) => (p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2);

export const DURATIONS = { LEND: 900, HOARD: 1100, FIRE_SALE: 1300, PRICE_DROP: 900, DEFAULT: 1600 };

function ring(ctx, x, y, r, colour, alpha, width) {
  ctx.globalAlpha = Math.max(0, alpha);
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.arc(x, y, Math.max(0.1, r), 0, TAU);
  ctx.stroke();
}

/** LEND: a pulse travelling along the edge from lender to borrower. */
export function lendEffect({ from, to }) {
  return {
    duration: DURATIONS.LEND,
    draw(ctx, p) {
      const q = easeInOut(p);
      const x = from.x + (to.x - from.x) * q;
      const y = from.y + (to.y - from.y) * q;
      const tail = Math.max(0, q - 0.18);
      ctx.globalAlpha = 0.55 * (1 - p * 0.5);
      ctx.strokeStyle = '#34d399';
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(from.x + (to.x - from.x) * tail, from.y + (to.y - from.y) * tail);
      ctx.lineTo(x, y);
      ctx.stroke();
      ctx.globalAlpha = 1 - p * 0.3;
      ctx.fillStyle = '#6ee7b7';
      ctx.beginPath();
      ctx.arc(x, y, 4.5, 0, TAU);
      ctx.fill();
    },
  };
}

/** HOARD: a ring closing in on the bank, with a padlock: liquidity locked away. */
export function hoardEffect({ at, radius }) {
  return hoardsEffect({ banks: [{ at, radius }] });
}

/**
 * The hoards of one step, however many: each hoarder's ring and padlock as in `hoardEffect`, all rings in
 * one path and all padlocks in two (their bodies filled, their shackles stroked), so that a crisis step in
 * which forty banks hoard costs a frame what one hoard does (overlay.js draws every hoard this way), drawn
 * above the other effects.
 */
export function hoardsEffect({ banks }) {
  return {
    duration: DURATIONS.HOARD,
    banks: banks.length,
    above: true,  // over the step's marks (overlay.js): the recalls converging on the hoarder would hide its padlock
    draw(ctx, p) {
      const q = easeOut(p);
      ctx.globalAlpha = Math.max(0, 0.95 * (1 - p * 0.7));
      ctx.strokeStyle = '#fbbf24';
      ctx.lineWidth = 3;
      ctx.beginPath();
      for (const { at, radius } of banks) {
        const r = Math.max(0.1, radius + 22 - 17 * q);
        ctx.moveTo(at.x + r, at.y);
        ctx.arc(at.x, at.y, r, 0, TAU);
      }
      ctx.stroke();
      if (p >= 0.85) return;
      const s = 7;
      ctx.globalAlpha = Math.max(0, Math.min(1, p * 4) * (1 - Math.max(0, p - 0.6) / 0.25));
      ctx.fillStyle = '#fbbf24';
      ctx.beginPath();
      for (const { at, radius } of banks) ctx.rect(at.x - s, at.y - radius - 12 - s * 0.2, 2 * s, s * 1.4);
      ctx.fill();
      ctx.lineWidth = 2.2;
      ctx.beginPath();
      for (const { at, radius } of banks) {
        const ly = at.y - radius - 12 - s * 0.2;
        ctx.moveTo(at.x - s * 0.65, ly);
        ctx.arc(at.x, ly, s * 0.65, Math.PI, 0);
      }
      ctx.stroke();
    },
  };
}

/** FIRE_SALE: ripples spreading from the seller into the market (stronger when forced). */
export function fireSaleEffect({ at, radius, forced }) {
  const colour = forced ? '#f43f5e' : '#fb923c';
  return {
    duration: DURATIONS.FIRE_SALE,
    draw(ctx, p) {
      for (const delay of [0, 0.25]) {
        const q = (p - delay) / (1 - delay);
        if (q <= 0) continue;
        ring(ctx, at.x, at.y, radius + 70 * easeOut(q), colour, (forced ? 0.9 : 0.7) * (1 - q), forced ? 3 : 2);
      }
    },
  };
}

/** PRICE_DROP: the whole system dims briefly; the depth follows the size of the fall. */
export function priceDropEffect({ relative }) {
  const depth = Math.min(0.45, 0.12 + Math.abs(relative ?? 0) * 3);
  return {
    duration: DURATIONS.PRICE_DROP,
    screen: true,
    draw(ctx, p, view) {
      const a = depth * Math.sin(Math.PI * p);
      ctx.globalAlpha = a;
      ctx.fillStyle = '#020617';
      ctx.fillRect(0, 0, view.width, view.height);
      ctx.globalAlpha = a * 1.4;
      ctx.strokeStyle = '#ef4444';
      ctx.lineWidth = 6;
      ctx.strokeRect(3, 3, view.width - 6, view.height - 6);
    },
  };
}

/** DEFAULT: the bank collapses inward and its links fade away. */
export function defaultEffect({ at, radius, neighbours }) {
  return {
    duration: DURATIONS.DEFAULT,
    draw(ctx, p) {
      const fade = 1 - p;
      ctx.strokeStyle = '#ef4444';
      ctx.lineWidth = 2;
      ctx.globalAlpha = 0.8 * fade * fade;
      ctx.beginPath();
      for (const n of neighbours) {
        ctx.moveTo(at.x, at.y);
        ctx.lineTo(n.x, n.y);
      }
      ctx.stroke();
      const q = easeOut(p);
      ctx.globalAlpha = 0.85 * fade;
      ctx.fillStyle = '#ef4444';
      ctx.beginPath();
      ctx.arc(at.x, at.y, Math.max(0.1, radius * 1.8 * (1 - q)), 0, TAU);
      ctx.fill();
      ring(ctx, at.x, at.y, radius * 2.6 * (1 - q * 0.6), '#fecaca', fade, 2.5);
    },
  };
}
