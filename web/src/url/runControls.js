// A run's interventions in the address, so that a shared link replays them exactly (`at=`):
//
//   at=force_default:3@12,price_shock:0.1@15,policy:all_lend@20
//
// Each entry is one run control in the comparison's intervention forms (compare/compareSpec.js:
// force_default:B@S, force_action:B:ACTION@S, inject_liquidity:B:AMOUNT@S, price_shock:SHARE@S,
// policy:NAME@S), S the step it acts in; entries are separated by commas. The list is what the engine's
// status reports (`at` and `scheduled`, docs/contract.md), and a reset's `at` reads it back: the engine
// schedules each control for its step, so the run played on is the run that was shared. Pure.
import { formatDifference, interventionCommand, parseDifference } from '../compare/compareSpec.js';

/** The most entries an address carries: the engine's Session::kMaxRunControls. */
export const MAX_ADDRESS_CONTROLS = 500;

/** The reset's `at` entries ([{step, control: {control, …}}]) named by an `at=` value, or null when malformed. */
export function parseRunControls(text) {
  if (typeof text !== 'string' || text === '') return null;
  const parts = text.split(',');
  if (parts.length > MAX_ADDRESS_CONTROLS) return null;
  const out = [];
  for (const part of parts) {
    const d = parseDifference(part);
    if (!d || d.kind !== 'intervention') return null;
    out.push({ step: d.step, control: interventionCommand(d) });
  }
  return out;
}

/** The `at=` value of the engine's `at` entries, or null when one cannot be written in the address. */
export function formatRunControls(entries) {
  if (!Array.isArray(entries) || entries.length > MAX_ADDRESS_CONTROLS) return null;
  const parts = [];
  for (const entry of entries) {
    const { control, ...body } = entry?.control ?? {};
    const d = { kind: 'intervention', control, ...body, step: entry?.step };
    let text;
    try {
      text = formatDifference(d);
    } catch {
      return null;
    }
    const back = parseRunControls(text);  // what the address would read back must be this very control
    if (!back || !sameRunControls(back, [entry])) return null;
    parts.push(text);
  }
  return parts.join(',');
}

/** Every control of a run as the engine's status reports it: those applied (`at`), then those still scheduled. */
export function statusControls(status) {
  return [...(Array.isArray(status?.at) ? status.at : []), ...(Array.isArray(status?.scheduled) ? status.scheduled : [])];
}

// An entry in one spelling whatever the order of its keys: {step, control} with the control's keys sorted.
function canonical(entry) {
  const control = entry?.control ?? {};
  const sorted = Object.fromEntries(Object.keys(control).sort().map((k) => [k, control[k]]));
  return JSON.stringify({ step: entry?.step, control: sorted });
}

/** Whether two lists of `at` entries name the same controls (by step; those of one step in order). */
export function sameRunControls(a, b) {
  const order = (list) => [...list].map((e, i) => [e.step, i, canonical(e)]).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((x) => x[2]);
  return JSON.stringify(order(a ?? [])) === JSON.stringify(order(b ?? []));
}
