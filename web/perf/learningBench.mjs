// The learning benchmark in WASM under Node (not a test): MAPPO training throughput in agent-steps/s and
// the inference time of one 100-bank step, measured inside the module (wasm/src/learning_bench_bindings.cpp)
// on the same workload as the native `finsim bench --learning`, which it runs beside it when built.
// Usage: node web/perf/learningBench.mjs [--iterations 7] [--options '{"epochs":3}'] [--no-native]
// (needs wasm/dist from wasm/build.sh; the native side needs build/release/cli/finsim)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadWasmEngine, repoRoot } from '../scripts/wasmNode.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const iterations = Number(option('--iterations', 7));
const options = option('--options', '');

const module = await loadWasmEngine();
const wasm = JSON.parse(module.benchLearning(iterations, 2000, options));
const report = { load_average: loadavg()[0], wasm: { training: wasm.training, inference: wasm.inference } };

const native = `${repoRoot}build/release/cli/finsim`;
if (!args.includes('--no-native') && existsSync(native) && !options) {
  const j = JSON.parse(execFileSync(native, ['bench', '--learning', '--threads', '2'], { encoding: 'utf8' }));
  report.native = { training: j.training, inference: j.inference };
}
console.log(JSON.stringify(report, null, 2));
