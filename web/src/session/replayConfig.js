// What a reset needs to replay the current run (no effects: used by components and the store's commands).

/** The reset body that replays the current run: its scenario, seed, policy and size. */
export function replayConfig(status) {
  if (!status) return {};
  const config = {};
  for (const key of ['scenario', 'seed', 'policy', 'banks']) if (status[key] !== undefined) config[key] = status[key];
  return config;
}
