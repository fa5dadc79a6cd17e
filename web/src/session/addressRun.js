// The run the page's address names (url/urlState.js), as controls, and what the page says about the
// parts it cannot honour: never a silent fallback. Pure; session/applyAddress.js sends the controls.
//
// In the browser (mode 'worker') the address starts the run: the engine has none before the first reset.
// On a server (mode 'server') the address names a run to watch: when the session already runs it (every
// setting the address names equals the session's status) the page joins it as it is, so a class opening
// the teacher's link does not restart it; otherwise the page resets the session to it, as the settings
// menus do, for every viewer.
import { parsePolicyName } from '../policy/policyName.js';
import { sameRunControls, statusControls } from '../url/runControls.js';

/** The URL keys that go into the reset, as the engine names them. */
const RESET_KEYS = ['scenario', 'seed', 'policy', 'banks', 'lender_of_last_resort'];

/** What a well-formed value of each parameter is, for the notices. */
const VALID = {
  scenario: 'scenario name',
  policy: 'policy name',
  seed: 'seed (a whole number from 0)',
  speed: 'speed (0.1 to 50 steps per second)',
  banks: 'number of banks (a whole number from 2 to 20,000)',
  lender_of_last_resort: 'lender of last resort (0 or 1)',
  at: 'list of interventions (force_default:BANK@STEP, force_action:BANK:ACTION@STEP, inject_liquidity:BANK:AMOUNT@STEP, '
    + 'price_shock:SHARE@STEP or policy:NAME@STEP, separated by commas)',
  server: 'server address (http://… or https://…)',
  session: 'session id (letters, digits, _ and -)',
};

const INSTEAD = {
  worker: 'the run uses the engine’s default instead',
  at: 'the run has none',
  server: 'the session keeps its own',
};

const shown = (text) => (text.length > 64 ? `${text.slice(0, 63)}…` : text);

function rejectedNotice(key, text, mode) {
  const instead = key === 'server' || key === 'session' ? 'it is ignored' : key === 'at' ? INSTEAD.at : INSTEAD[mode];
  return `“${key}=${shown(text)}” in the address is not a valid ${VALID[key]}: ${instead}.`;
}

function unknownNotice(key, name, known, mode) {
  return `The address asks for ${key} “${shown(name)}”, which this engine does not have (it has ${known.join(', ')}): `
    + `${INSTEAD[mode]}.`;
}

/** The notice for a reset the engine (or the server) refused with `error` ({code, message}). */
export function refusedNotice(error, mode) {
  return mode === 'server'
    ? `The server refused the run the address names (${error.message}): the session goes on as it was.`
    : `The engine refused the run the address names (${error.message}): the run uses the engine’s defaults instead.`;
}

/**
 * True when `status` reports every setting of reset body `config` as given (the run is that run); a
 * config's `at` is compared with the status's applied and scheduled controls together.
 */
export function sameRun(status, config) {
  if (!status) return false;
  return Object.entries(config).every(([key, value]) =>
    (key === 'at' ? sameRunControls(statusControls(status), value) : status[key] === value));
}

// The reset body: the address's run settings, less a scenario or policy the catalogue does not list.
function checkedConfig(params, catalogue, mode, notices) {
  const config = {};
  for (const key of RESET_KEYS) if (params[key] !== undefined) config[key] = params[key];
  const scenarios = catalogue?.scenarios?.map((s) => s.name);
  if (config.scenario !== undefined && scenarios && !scenarios.includes(config.scenario)) {
    notices.push(unknownNotice('scenario', config.scenario, scenarios, mode));
    delete config.scenario;
  }
  const policies = catalogue?.policies;
  if (config.policy !== undefined && policies && !policies.includes(parsePolicyName(config.policy)?.base)) {
    notices.push(unknownNotice('policy', config.policy, policies, mode));
    delete config.policy;
  }
  return config;
}

/**
 * The controls that start (mode 'worker') or join (mode 'server', with the session's `status`) the run
 * the address names, given the engine's `catalogue`: {config, commands, notices}. `config` is the reset
 * body less the run's interventions (what the page keeps across its later resets; the reset sent also
 * carries the address's `at`, which the engine schedules for their steps); `commands` are sent in order; `notices` are
 * sentences for the page, one per parameter it does not honour.
 */
export function planAddressRun({ params, catalogue, mode, status = null }) {
  const notices = Object.entries(params.rejected ?? {}).map(([key, text]) => rejectedNotice(key, text, mode));
  const config = checkedConfig(params, catalogue, mode, notices);
  const commands = [];
  // The run's interventions go into this reset only: the page's later resets start runs of their own.
  const run = params.at?.length ? { ...config, at: params.at } : config;
  const reset = mode === 'worker' || !sameRun(status, run);
  if (reset) commands.push({ control: 'reset', config: run });
  if (params.speed !== undefined && (mode === 'worker' || params.speed !== status?.speed)) {
    commands.push({ control: 'speed', steps_per_second: params.speed });
  }
  if (params.autoplay && (reset || !status?.running)) commands.push({ control: 'play' });
  return { config, commands, notices };
}
