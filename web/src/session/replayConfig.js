// What a reset needs to replay the current run (no effects: used by components and the store's commands).
//
// Besides scenario, seed, policy and size, the page keeps the simulation parameters it set itself
// (KEPT_PARAMETERS) across its resets: a reset that names a scenario restores that scenario's parameter
// values (engine/include/finsim/session.hpp), so every reset the page sends carries them again.

/** Parameters the page sets (the "Lender of last resort" switch) and carries through every reset it sends. */
export const KEPT_PARAMETERS = Object.freeze(['lender_of_last_resort']);

/**
 * The kept parameters of the current run: as the engine's status reports them where it does, else as
 * the page last set them (`runParameters`, the store's record); a parameter neither knows is left out,
 * so the scenario's own value applies.
 */
export function keptParameters(status, runParameters = {}) {
  const out = {};
  for (const name of KEPT_PARAMETERS) {
    const value = status?.[name] ?? runParameters[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

/** The reset body that replays the current run: its scenario, seed, policy, size and kept parameters. */
export function replayConfig(status, runParameters = {}) {
  if (!status) return {};
  const config = {};
  for (const key of ['scenario', 'seed', 'policy', 'banks']) if (status[key] !== undefined) config[key] = status[key];
  return { ...config, ...keptParameters(status, runParameters) };
}
