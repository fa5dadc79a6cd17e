// The WASM step time (Node build, measured inside the module exactly as `finsim bench` measures the
// native step) beside the native medians from `finsim bench`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../scripts/wasmNode.mjs';

export const BENCH_CASES = [
  { scenario: 'calm', banks: 100, steps: 5000 },
  { scenario: 'calm', banks: 1000, steps: 1000 },
  { scenario: 'calm', banks: 10000, steps: 200 },
  { scenario: 'liquidity_freeze', banks: 100, steps: 200 },
];

async function loadVariant(dir) {
  const require = createRequire(import.meta.url);
  const create = require(`${dir}/finsim-node.cjs`);
  return create({ wasmBinary: readFileSync(`${dir}/finsim-node.wasm`) });
}

/** {variant → [{scenario, banks, step_us:{median,p90}, state_update_us}]} for each built variant. */
export async function wasmBench({ variants = { default: `${repoRoot}wasm/dist` } } = {}) {
  const out = {};
  for (const [name, dir] of Object.entries(variants)) {
    if (!existsSync(`${dir}/finsim-node.cjs`)) continue;
    const module = await loadVariant(dir);
    out[name] = BENCH_CASES.map((c) => JSON.parse(module.benchSteps(c.scenario, c.banks, 5.0, c.steps)));
  }
  return out;
}

export function nativeBench() {
  const bin = `${repoRoot}build/release/cli/finsim`;
  if (!existsSync(bin)) return null;
  const json = JSON.parse(execFileSync(bin, ['bench'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  return json.cases.map((c) => ({ scenario: c.scenario, banks: c.banks, step_us: c.step_us, state_update_us: c.state_update.median_us }));
}
