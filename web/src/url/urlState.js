// The shareable part of the page lives in the address: scenario, seed, policy (with its modifiers:
// policy=heuristic%2Bno_hoard), speed, network size and lender_of_last_resort=0|1 (so a run can be shared
// and replayed), plus view options: embed=1 (chrome-less, for iframes), autoplay=1, fx=0 (no event
// animations), server=<URL> / session=<ID> (server mode), worker=1 (never probe for a server).
// Parsing is strict and forgiving: a malformed value is dropped, never guessed.
import { formatPolicyName, parsePolicyName } from '../policy/policyName.js';

export const SIM_KEYS = ['scenario', 'seed', 'policy', 'speed', 'banks', 'lender_of_last_resort'];
/** The URL keys that go into the first reset, as the engine names them. */
const RESET_KEYS = ['scenario', 'seed', 'policy', 'banks', 'lender_of_last_resort'];

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
 * Parses location.search into {scenario?, seed?, policy?, speed?, banks?, lender_of_last_resort?, embed,
 * autoplay, effects, server?, session?, worker}. The policy comes back in the engine's canonical spelling.
 */
export function parseUrlState(search) {
  const q = new URLSearchParams(search);
  const out = { embed: q.has('embed') && flag(q.get('embed')), autoplay: q.has('autoplay') && flag(q.get('autoplay')),
    worker: q.has('worker') && flag(q.get('worker')), effects: q.get('fx') !== '0' };
  const scenario = q.get('scenario');
  if (scenario && NAME.test(scenario)) out.scenario = scenario;
  const policy = q.get('policy') && policyName(q.get('policy'));
  if (policy) out.policy = policy;
  const seed = positiveNumber(q.get('seed'), { integer: true, min: 0, max: MAX_SEED });
  if (seed !== undefined) out.seed = seed;
  const speed = positiveNumber(q.get('speed'), { min: 0.1, max: 50 });
  if (speed !== undefined) out.speed = speed;
  const banks = positiveNumber(q.get('banks'), { integer: true, min: 2, max: 20000 });
  if (banks !== undefined) out.banks = banks;
  const lolr = q.get('lender_of_last_resort');
  if (lolr === '0' || lolr === '1') out.lender_of_last_resort = Number(lolr);
  const server = q.get('server');
  if (server && /^https?:\/\/[^\s]+$/.test(server)) out.server = server;
  const session = q.get('session');
  if (session && /^[A-Za-z0-9_-]{1,64}$/.test(session)) out.session = session;
  return out;
}

/**
 * The address search string for a simulation setting, keeping unrelated parameters of `search`. Values
 * are percent-encoded ('+' in a policy name as %2B), so parseUrlState reads back exactly what was set.
 */
export function formatUrlState(search, setting) {
  const q = new URLSearchParams(search);
  for (const key of SIM_KEYS) {
    const v = setting[key];
    if (v === undefined || v === null || v === '') q.delete(key);
    else q.set(key, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The reset config the page sends first, from the URL state (only what the URL sets). */
export function resetConfigFromUrl(state) {
  const config = {};
  for (const key of RESET_KEYS) if (state[key] !== undefined) config[key] = state[key];
  return config;
}
