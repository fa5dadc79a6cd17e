// The shareable part of the page lives in the address: scenario, seed, policy, speed and network size
// (so a run can be shared and replayed), plus view options: embed=1 (chrome-less, for iframes),
// autoplay=1, fx=0 (no event animations), server=<URL> / session=<ID> (server mode), worker=1 (never
// probe for a server).
// Parsing is strict and forgiving: a malformed value is dropped, never guessed.

export const SIM_KEYS = ['scenario', 'seed', 'policy', 'speed', 'banks'];

const NAME = /^[a-z0-9_]{1,64}$/;
const MAX_SEED = 2 ** 53 - 1;

function positiveNumber(text, { integer = false, min = -Infinity, max = Infinity } = {}) {
  if (text === null || text.trim() === '') return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v < min || v > max) return undefined;
  if (integer && !Number.isInteger(v)) return undefined;
  return v;
}

function flag(text) {
  return text === '1' || text === 'true' || text === '';
}

/** Parses location.search into {scenario?, seed?, policy?, speed?, banks?, embed, autoplay, server?, session?, worker}. */
export function parseUrlState(search) {
  const q = new URLSearchParams(search);
  const out = { embed: q.has('embed') && flag(q.get('embed')), autoplay: q.has('autoplay') && flag(q.get('autoplay')),
    worker: q.has('worker') && flag(q.get('worker')), effects: q.get('fx') !== '0' };
  const scenario = q.get('scenario');
  if (scenario && NAME.test(scenario)) out.scenario = scenario;
  const policy = q.get('policy');
  if (policy && NAME.test(policy)) out.policy = policy;
  const seed = positiveNumber(q.get('seed'), { integer: true, min: 0, max: MAX_SEED });
  if (seed !== undefined) out.seed = seed;
  const speed = positiveNumber(q.get('speed'), { min: 0.1, max: 50 });
  if (speed !== undefined) out.speed = speed;
  const banks = positiveNumber(q.get('banks'), { integer: true, min: 2, max: 20000 });
  if (banks !== undefined) out.banks = banks;
  const server = q.get('server');
  if (server && /^https?:\/\/[^\s]+$/.test(server)) out.server = server;
  const session = q.get('session');
  if (session && /^[A-Za-z0-9_-]{1,64}$/.test(session)) out.session = session;
  return out;
}

/** The address search string for a simulation setting, keeping unrelated parameters of `search`. */
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
  for (const key of ['scenario', 'seed', 'policy', 'banks']) if (state[key] !== undefined) config[key] = state[key];
  return config;
}
