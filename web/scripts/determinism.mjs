// Determinism across builds: for every scenario, the worker's simulation host running the WASM engine
// (Node build) must produce the same message stream as the native `finsim run`, byte for byte.
//
// The host is driven exactly as the page drives the worker: reset {scenario, seed}, then `step` N
// times. Its reset posts the timestep-0 STATE_UPDATE *and* a timestep-0 METRICS_UPDATE (what a late
// viewer needs); `finsim run` prints only the STATE_UPDATE before step 1, so that one METRICS_UPDATE is
// checked on its own and then removed before the comparison. Every other line must be identical.
// Every scenario runs with the default (heuristic) policy, and the crisis scenarios also with the shipped
// learned policies (mappo, mappo-selfish): the streams carry every bank's action, so identical streams
// mean the same policy file picked the same actions on the same observations in both builds.
// One more case drives the counterfactual tools: a policy modifier, a parameter (the lender of last
// resort) and interventions before given steps (force_action, inject_liquidity), sent to the host as the
// page sends them and to `finsim run` as `--set` and `--at STEP:JSON`.
// The last drives rewind and branch (docs/model.md §10): a host plays a run with controls (a policy switch
// among them), rewinds to step 30 and is given a new control; a second host opens the run at step 30 as a
// branch (reset with the first host's `at` and `to_step`) and is given the same control. From step 30's
// STATE_UPDATE on, both must be `finsim run --at` with every control, byte for byte.
// Needs build/release/cli/finsim (scripts/build.sh) and wasm/dist (wasm/build.sh).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createSimulationHost } from '../src/worker/simulationHost.js';
import { loadWasmEngine, repoRoot } from './wasmNode.mjs';

const STEPS = Number(process.env.FINSIM_DETERMINISM_STEPS ?? 200);
const SEED = 42;
const finsim = process.env.FINSIM_BIN ?? `${repoRoot}build/release/cli/finsim`;

if (!existsSync(finsim)) {
  console.error(`determinism: ${finsim} is missing: build it with scripts/build.sh`);
  process.exit(1);
}

const module = await loadWasmEngine();

const LEARNED_POLICIES = ['mappo', 'mappo-selfish'];
const CRISIS_SCENARIOS = ['liquidity_freeze', 'fire_sale_spiral', 'core_default', 'gai_kapadia'];

// `askAt`: before that step the worker is asked why every bank failed (docs/why.md): questions must
// leave the stream exactly as it was (their ANSWERs are not part of it).
function wasmStream({ scenario, policy, set = {}, at = [], askAt = null }) {
  const posted = [];
  const host = createSimulationHost({
    module,
    post: (text) => posted.push(text),
    setTimer: () => { throw new Error('the step loop must not run in this test'); },
    clearTimer: () => {},
  });
  host.handle({ control: 'reset', config: { scenario, seed: SEED, ...(policy ? { policy } : {}), ...set } });
  for (let t = 1; t <= STEPS; t++) {
    for (const [step, body] of at) if (step === t) host.handle(body);
    if (t === askAt) askWhyOfEveryBank(host, posted);
    host.handle({ control: 'step' });
  }
  host.dispose();
  const own = new Set(['STATUS', 'ERROR', 'READY', 'CATALOGUE', 'ANSWER']);
  const errors = posted.filter((t) => t.startsWith('{"type":"ERROR"'));
  if (errors.length) throw new Error(`host error: ${errors[0]}`);
  return posted.filter((t) => !own.has(JSON.parse(t).type));
}

function askWhyOfEveryBank(host, posted) {
  const from = posted.length;
  for (let bank = 0; bank < 100; bank++) host.ask({ ask: 'why', id: bank, bank });
  const replies = posted.slice(from).map((t) => JSON.parse(t));
  if (replies.length !== 100 || replies.some((m) => m.type !== 'ANSWER')) throw new Error('a question was not answered by one ANSWER alone');
  if (!replies.some((m) => m.payload.reply.sentences?.length)) throw new Error('no failed bank was explained');
}

function nativeStream({ scenario, policy, set = {}, at = [] }) {
  const args = ['run', '--scenario', scenario, '--seed', String(SEED), '--steps', String(STEPS), ...(policy ? ['--policy', policy] : []),
    ...Object.entries(set).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
    ...at.flatMap(([step, body]) => ['--at', `${step}:${JSON.stringify(body)}`])];
  const out = execFileSync(finsim, args,
    { maxBuffer: 1 << 30, encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '');
}

const scenarios = JSON.parse(module.catalogue()).scenarios.map((s) => s.name);
const cases = [
  ...scenarios.map((scenario) => (scenario === 'core_default' ? { scenario, askAt: 100, label: 'core_default, why asked of every bank at step 100' } : { scenario })),
  ...LEARNED_POLICIES.flatMap((policy) => CRISIS_SCENARIOS.filter((s) => scenarios.includes(s)).map((scenario) => ({ scenario, policy }))),
  { scenario: 'liquidity_freeze', policy: 'heuristic+no_fire_sale', set: { lender_of_last_resort: 1 },
    at: [[11, { control: 'inject_liquidity', bank: 40, amount: 30 }], [12, { control: 'force_action', bank: 2, action: 'HOARD' }]],
    label: 'liquidity_freeze --policy heuristic+no_fire_sale, lender of last resort, --at 11 and 12' },
];
// Rewind and branch: the streams from step REWIND_TO's STATE_UPDATE on (the rewind's or the branch's
// own state and metrics, then every step), the two hosts' concatenated, against native's twice.
const REWIND_TO = 30;
function rewindAndBranchStreams() {
  const scenario = 'liquidity_freeze';
  const recorded = [[11, { control: 'inject_liquidity', bank: 40, amount: 30 }],
    [20, { control: 'policy', policy: 'all_hoard+no_fire_sale' }],
    [REWIND_TO + 1, { control: 'force_action', bank: 2, action: 'HOARD' }]];
  const added = { control: 'policy', policy: 'heuristic+no_hoard' };
  const host = (posted) => createSimulationHost({ module, post: (text) => posted.push(text),
    setTimer: () => { throw new Error('the step loop must not run in this test'); }, clearTimer: () => {} });
  const contract = (posted) => posted.filter((t) => !['STATUS', 'ERROR', 'ANSWER'].includes(JSON.parse(t).type));
  const errorsOf = (posted) => posted.filter((t) => t.startsWith('{"type":"ERROR"'));

  const first = [];
  const a = host(first);
  a.handle({ control: 'reset', config: { scenario, seed: SEED } });
  for (let t = 1; t <= Math.min(STEPS, 60); t++) {
    for (const [step, body] of recorded) if (step === t) a.handle(body);
    a.handle({ control: 'step' });
  }
  const from = first.length;
  a.handle({ control: 'rewind', step: REWIND_TO });
  const status = JSON.parse(first.findLast((t) => t.startsWith('{"type":"STATUS"'))).payload;
  a.handle(added);
  for (let t = REWIND_TO + 1; t <= STEPS; t++) a.handle({ control: 'step' });
  a.dispose();

  const second = [];
  const b = host(second);
  b.handle({ control: 'reset', config: { scenario, seed: SEED, at: status.at, to_step: status.timestep } });
  b.handle(added);
  for (let t = REWIND_TO + 1; t <= STEPS; t++) b.handle({ control: 'step' });
  b.dispose();

  const errors = [...errorsOf(first), ...errorsOf(second)];
  if (errors.length) throw new Error(`host error: ${errors[0]}`);
  if (status.timestep !== REWIND_TO || status.at.length !== 3) throw new Error(`the rewind's status is not step ${REWIND_TO} with 3 controls: ${JSON.stringify(status)}`);
  const native = nativeStream({ scenario, at: [...recorded, [REWIND_TO + 1, added]] });
  const start = native.findIndex((l) => l.startsWith(`{"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":${REWIND_TO},`));
  const tail = native.slice(start);
  return { wasm: [...contract(first.slice(from)), ...contract(second)], native: [...tail, ...tail] };
}

const rewindCase = { label: `liquidity_freeze, a policy switch, rewound to step ${REWIND_TO} and a branch opened there, each given a new policy`,
  streams: rewindAndBranchStreams };
if (STEPS > REWIND_TO) cases.push(rewindCase);

let passed = 0;
let failed = 0;
for (const run of cases) {
  const name = run.label ?? (run.policy ? `${run.scenario} --policy ${run.policy}` : run.scenario);
  const started = performance.now();
  const problems = [];
  let wasm;
  let native;
  if (run.streams) {
    ({ wasm, native } = run.streams());
  } else {
    wasm = wasmStream(run);
    native = nativeStream(run);
    const resetMetrics = wasm.splice(1, 1)[0] ?? '';
    if (!resetMetrics.startsWith('{"type":"METRICS_UPDATE"') || JSON.parse(resetMetrics).payload.timestep !== 0)
      problems.push(`the reset's second message is not a timestep-0 METRICS_UPDATE: ${resetMetrics.slice(0, 80)}`);
  }
  if (wasm.length !== native.length) problems.push(`${wasm.length} WASM messages vs ${native.length} native`);
  const n = Math.min(wasm.length, native.length);
  for (let i = 0; i < n && problems.length < 3; i++) {
    if (wasm[i] !== native[i]) {
      let c = 0;
      while (wasm[i][c] === native[i][c]) c++;
      problems.push(`message ${i} differs at character ${c}:\n  wasm:   …${wasm[i].slice(Math.max(0, c - 60), c + 60)}\n  native: …${native[i].slice(Math.max(0, c - 60), c + 60)}`);
    }
  }
  const ms = Math.round(performance.now() - started);
  if (problems.length) {
    failed++;
    console.log(`FAIL ${name}: ${problems.join('\n')}`);
  } else {
    passed++;
    const events = native.filter((l) => l.startsWith('{"type":"EVENT"')).length;
    console.log(`ok   ${name}: ${native.length} messages (${events} events, ${STEPS} steps) identical (${ms} ms)`);
  }
}
console.log(`determinism: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
