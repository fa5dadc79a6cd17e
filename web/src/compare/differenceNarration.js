// The difference between two worlds in plain words, from what their engines reported: each world's
// METRICS_UPDATE series (defaulted_banks, asset_price, liquidity, timestep). Pure. It compares the
// engines' figures and says which is larger; it never explains why (that is the lesson's paragraph,
// written from docs/lessons.md, and the engine's own "Why did it fail?").
import { formatPrice, formatShare } from '../format.js';

const banks = (n) => `${n} ${n === 1 ? 'bank' : 'banks'}`;

/** The METRICS_UPDATE of `series` for `step`, or null. */
export function metricsAt(series, step) {
  for (let i = series.length - 1; i >= 0; i--) {
    if (series[i].timestep === step) return series[i];
    if (series[i].timestep < step) break;
  }
  return null;
}

const SAME_FIELDS = ['defaulted_banks', 'asset_price', 'liquidity'];

/**
 * The first step, up to `step`, at which the two series report different figures (failures, price or
 * liquidity), and the first at which their failures differ: {firstDifference, firstFailureDifference}
 * (null when none so far). Steps missing from either series are skipped.
 */
export function divergence(seriesA, seriesB, step) {
  const byStep = new Map(seriesB.map((m) => [m.timestep, m]));
  let firstDifference = null;
  let firstFailureDifference = null;
  for (const a of seriesA) {
    if (a.timestep > step) break;
    const b = byStep.get(a.timestep);
    if (!b) continue;
    if (firstDifference === null && SAME_FIELDS.some((f) => a[f] !== b[f])) firstDifference = a.timestep;
    if (a.defaulted_banks !== b.defaulted_banks) {
      firstFailureDifference = a.timestep;
      break;
    }
  }
  return { firstDifference, firstFailureDifference };
}

function failureSentence(a, b, labels, step) {
  const fa = a.defaulted_banks;
  const fb = b.defaulted_banks;
  if (fa === fb) {
    return fa === 0 ? `No bank has failed in either world by step ${step}.` : `Both worlds lost ${banks(fa)} by step ${step}.`;
  }
  return `${labels.a}: ${banks(fa)} failed by step ${step}; ${labels.b}: ${fb}.`;
}

/**
 * The narration at the step both worlds show: [{key, text}] sentences, or [] before both have reported
 * that step. `labels` = {a, b} name the worlds by their difference ("Heuristic", "Heuristic, no
 * hoarding"); `actsAt` is the step an intervention acts in (null for a policy or parameter).
 */
export function narrateDifference({ seriesA, seriesB, step, labels, actsAt = null }) {
  if (step === null || step === undefined) return [];
  const a = metricsAt(seriesA, step);
  const b = metricsAt(seriesB, step);
  if (!a || !b) return [];
  const out = [{ key: 'failures', text: failureSentence(a, b, labels, step) }];
  const { firstDifference, firstFailureDifference } = divergence(seriesA, seriesB, step);
  if (firstDifference === null) {
    const waiting = actsAt !== null && step < actsAt ? ` The difference acts at step ${actsAt}.` : '';
    out.push({ key: 'same', text: `So far the two worlds are identical: the same failures, price and liquidity at every step.${waiting}` });
    return out;
  }
  if (firstFailureDifference !== null) {
    out.push({ key: 'parted', text: `Their failures first differed at step ${firstFailureDifference}.` });
  } else {
    out.push({ key: 'parted', text: `Their figures first differed at step ${firstDifference}; their failures have not (yet).` });
  }
  if (a.asset_price !== b.asset_price) {
    out.push({ key: 'price', text: `Asset price: ${formatPrice(a.asset_price)} against ${formatPrice(b.asset_price)}.` });
  }
  if (a.liquidity !== b.liquidity) {
    out.push({ key: 'liquidity', text: `Liquidity: ${formatShare(a.liquidity, 0)} against ${formatShare(b.liquidity, 0)}.` });
  }
  return out;
}
