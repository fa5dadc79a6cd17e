// The shareable part of the page lives in the address: scenario, seed, policy (with its modifiers:
// policy=heuristic%2Bno_hoard), speed, network size and lender_of_last_resort=0|1 (so a run can be shared
// and replayed), the run's interventions (at=force_default:3@12,…: url/runControls.js), plus view options: embed=1 (chrome-less, for iframes), autoplay=1, fx=0 (no event
// animations), server=<URL> / session=<ID> (server mode), worker=1 (never probe for a server).
// Parsing is strict and forgiving: a malformed value is dropped, never guessed, and reported as written
// (`rejected`) so that the page can say what it did not honour (session/addressRun.js).
import { formatPolicyName, parsePolicyName } from '../policy/policyName.js';
import { formatRunControls, parseRunControls } from './runControls.js';

export const SIM_KEYS = ['scenario', 'seed', 'policy', 'speed', 'banks', 'lender_of_last_resort', 'at'];

const NAME = /^[a-z0-9_]{1,64}$/;
const MAX_SEED = 2 ** 53 - 1;

function positiveNumber(text, { integer = false, min = -Infinity, max = Infinity } = {}) {
  if (text === null || text.trim() === '') return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v < min || v > max) return undefined;
  if (integer && !Number.isInteger(v)) return undefined;
  return v;
}

// '+' in a query string decodes to a space: "policy=heuristic+no_hoard" typed by hand reads as
// "heuristic no_hoard", so spaces go back to '+' (formatUrlState writes %2B, which needs no repair).
function policyName(text) {
  const parsed = parsePolicyName(text.replace(/ /g, '+'));
  return parsed ? formatPolicyName(parsed.base, parsed.modifiers) : undefined;
}

function flag(text) {
  return text === '1' || text === 'true' || text === '';
}

/**
 * Parses location.search into {scenario?, seed?, policy?, speed?, banks?, lender_of_last_resort?, at?, embed,
 * autoplay, effects, server?, session?, worker, rejected}. The policy comes back in the engine's canonical
 * spelling. `rejected` maps each parameter that was given but malformed to its text as written
 * ({policy: 'heuristic+no_panic'}); whether a well-formed name exists is the catalogue's to say.
 */
export function parseUrlState(search) {
  const q = new URLSearchParams(search);
  const out = { embed: q.has('embed') && flag(q.get('embed')), autoplay: q.has('autoplay') && flag(q.get('autoplay')),
    worker: q.has('worker') && flag(q.get('worker')), effects: q.get('fx') !== '0', rejected: {} };
  const read = (key, parse) => {
    const text = q.get(key);
    if (text === null) return;
    const value = text === '' ? undefined : parse(text);
    if (value === undefined) out.rejected[key] = text;
    else out[key] = value;
  };
  read('scenario', (text) => (NAME.test(text) ? text : undefined));
  read('policy', policyName);
  read('seed', (text) => positiveNumber(text, { integer: true, min: 0, max: MAX_SEED }));
  read('speed', (text) => positiveNumber(text, { min: 0.1, max: 50 }));
  read('banks', (text) => positiveNumber(text, { integer: true, min: 2, max: 20000 }));
  read('lender_of_last_resort', (text) => (text === '0' || text === '1' ? Number(text) : undefined));
  read('at', (text) => parseRunControls(text.replace(/ /g, '+')) ?? undefined);
  read('server', (text) => (/^https?:\/\/[^\s]+$/.test(text) ? text : undefined));
  read('session', (text) => (/^[A-Za-z0-9_-]{1,64}$/.test(text) ? text : undefined));
  return out;
}

/**
 * The address search string for a simulation setting, keeping unrelated parameters of `search`. Values
 * are percent-encoded ('+' in a policy name as %2B), so parseUrlState reads back exactly what was set.
 */
export function formatUrlState(search, setting) {
  const q = new URLSearchParams(search);
  for (const key of SIM_KEYS) {
    const v = key === 'at' ? formatRunControls(setting.at) : setting[key];
    if (v === undefined || v === null || v === '') q.delete(key);
    else q.set(key, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * The address search string after switching modes: `change` is {server: URL} (watch that server's session)
 * or {worker: '1'} (run in this browser). Connecting to a server drops the run settings and autoplay, so
 * that joining a shared session never resets it to the run this browser was showing.
 */
export function switchedModeSearch(search, change) {
  const q = new URLSearchParams(search);
  q.delete('server');
  q.delete('worker');
  if (change.server !== undefined) for (const key of [...SIM_KEYS, 'autoplay']) q.delete(key);
  for (const [key, value] of Object.entries(change)) q.set(key, value);
  return `?${q}`;
}
