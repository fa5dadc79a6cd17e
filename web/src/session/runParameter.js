// The value of a kept simulation parameter (replayConfig.js) for the current run, for the switches
// that show it and the address that shares it. Read, never computed: the engine's status, else what
// the page set, else what the engine's catalogue says the scenario uses.
import { keptParameters } from './replayConfig.js';

/**
 * A parameter's value in a scenario the page has not overridden: the scenario's setting, else the
 * engine's default, both from the catalogue (whose values are texts) as numbers; undefined when the
 * catalogue does not say.
 */
export function scenarioParameter(catalogue, scenario, name) {
  const setting = catalogue?.scenarios?.find((s) => s.name === scenario)?.settings?.[name];
  const text = setting ?? catalogue?.parameters?.find((p) => p.name === name)?.default;
  if (text === undefined || text === null || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The current run's value of kept parameter `name`: keptParameters' value, else the scenario's. */
export function runParameter(name, { status, runParameters, catalogue }) {
  return keptParameters(status, runParameters)[name] ?? scenarioParameter(catalogue, status?.scenario, name);
}

/** The kept parameters worth sharing in the address: those whose value differs from the scenario's own. */
export function sharedParameters({ status, runParameters, catalogue }) {
  const out = {};
  for (const [name, value] of Object.entries(keptParameters(status, runParameters))) {
    if (value !== scenarioParameter(catalogue, status?.scenario, name)) out[name] = value;
  }
  return out;
}
