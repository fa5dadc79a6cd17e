// A comparison's effects: two worlds, each with its own store (store/simulationStore.js) and transport
// (two Web Workers on the static site, two named sessions on a finsim-server), both reset to the page's
// run — world B with the one difference — then driven in lockstep by one clock (compare/lockstep.js).
// Components read the lockstep view of each world (`worlds[i].view`), never a world ahead of the other.
import { createStore } from 'zustand/vanilla';
import { createSimulationStore } from '../store/simulationStore.js';
import { createMessageBatcher } from '../store/messageBatcher.js';
import { createBus } from '../animation/animationBus.js';
import { chooseTransport } from '../transport/serverDetect.js';
import { errorReply } from '../transport/transport.js';
import { createWorkerTransport } from '../transport/workerTransport.js';
import { createWebSocketTransport } from '../transport/webSocketTransport.js';
import { planAddressRun, sameRun } from '../session/addressRun.js';
import { keptParameters } from '../session/replayConfig.js';
import { stateWhen } from '../session/applyAddress.js';
import { parsePolicyName } from '../policy/policyName.js';
import { createLockstepClock, createLockstepView } from './lockstep.js';
import { worldConfigs } from './compareSpec.js';
import { closeSession, comparisonIds, createSession } from './serverSessions.js';

export const WORLD_IDS = Object.freeze(['a', 'b']);
export const DEFAULT_SPEED = 2;

// The answer to a reset with body `config`: {error} when refused, {status} once the world's status reports
// that run at timestep 0.
// The engine's status names some settings (scenario, seed, policy, banks, lender_of_last_resort…), not
// every parameter: a reset changing another one (shock_defaults) is recognised by a new status at step 0
// that agrees on every setting it does name.
function reportedSettings(config, status) {
  return Object.fromEntries(Object.entries(config).filter(([key]) => key in status));
}

function resetAnswer(store, config) {
  const before = store.getState().lastError;
  const shown = store.getState().status;
  return stateWhen(store, (s) => (s.lastError !== before && s.lastError?.control === 'reset')
    || (s.status && s.status !== shown && s.status.timestep === 0 && sameRun(s.status, reportedSettings(config, s.status))))
    .then((s) => (s.lastError !== before && s.lastError?.control === 'reset' ? { error: s.lastError } : { status: s.status }));
}

/** Why world B cannot be built from the engine's catalogue, or null: a policy or parameter it lacks. */
export function unknownDifference(difference, catalogue) {
  if (difference.kind === 'policy' || difference.control === 'policy') {
    const base = parsePolicyName(difference.policy)?.base;
    const policies = catalogue?.policies;
    if (policies && !policies.includes(base)) return `this engine has no policy “${base}” (it has ${policies.join(', ')})`;
  }
  if (difference.kind === 'param') {
    const names = catalogue?.parameters?.map((p) => p.name);
    if (names && !names.includes(difference.name)) return `this engine has no parameter “${difference.name}”`;
  }
  return null;
}

/**
 * Asks world `world`'s own engine a question about its run ({ask:'why', bank}), through that world's
 * transport: a Promise of the engine's reply or {error:{code,message}}; never rejects.
 */
export function askWorld(world, question) {
  if (!world.transport) return Promise.resolve(errorReply('not_connected', 'This world is not connected.'));
  return world.transport.ask(question);
}

/**
 * The comparison's stores, made once per page: two worlds [{id, store, bus, view:{store, bus}, transport}]
 * (`transport` null until connectComparison opens it; askWorld asks through it) and
 * `control`, a store of the comparison's own state: {clock:{playing, speed, target, runningTo},
 * notices: [sentences], mode: 'worker'|'server'|null, ready}.
 */
export function createComparison() {
  const worlds = WORLD_IDS.map((id) => {
    const bus = createBus();
    return { id, bus, store: createSimulationStore({ bus }), transport: null };
  });
  const lockstep = createLockstepView(worlds);
  worlds.forEach((w, i) => { w.view = lockstep.views[i]; });
  const control = createStore(() => ({ clock: { playing: false, speed: DEFAULT_SPEED, target: null, runningTo: null },
    notices: [], mode: null, ready: false }));
  return { worlds, control };
}

function addNotice(control, text) {
  control.setState({ notices: [...control.getState().notices, text] });
}

async function openTransports({ choice, control, fetchImpl }) {
  if (choice.kind !== 'server') return WORLD_IDS.map(() => createWorkerTransport());
  const ids = comparisonIds();
  const created = [];
  for (const world of WORLD_IDS) {
    const answer = await createSession({ baseUrl: choice.baseUrl, id: ids[world], fetchImpl });
    if (answer.error) {
      for (const id of created) closeSession({ baseUrl: choice.baseUrl, id, fetchImpl });
      addNotice(control, `The server would not open the comparison’s two sessions (${answer.error.message}).`
        + (answer.error.code === 'unauthorized' ? ' It runs with a control token, which this page does not carry.' : ''));
      return null;
    }
    created.push(ids[world]);
  }
  return WORLD_IDS.map((world) => createWebSocketTransport({ baseUrl: choice.baseUrl, session: ids[world] }));
}

/**
 * Connects `comparison` (createComparison) according to the address `params` (url/urlState.js) and the
 * `difference` (compare/compareSpec.js): both worlds reset to the address's run, world B with the
 * difference; then the clock plays when `autoplay`, or runs both to `startStep` and pauses. Returns the
 * function that disconnects (stops the clock, the transports, and closes a server's sessions).
 */
export function connectComparison(comparison, { params, difference, startStep = null, pageUrl = location.href, fetchImpl }) {
  const { worlds, control } = comparison;
  let stopped = false;
  let transports = [];
  let clock = null;
  let serverBase = null;
  let sessionIds = [];
  for (const w of worlds) w.store.getState().resetModel();
  control.setState({ notices: [], ready: false, mode: null });

  const closeSessions = (keepalive) => {
    for (const id of sessionIds) closeSession({ baseUrl: serverBase, id, fetchImpl, keepalive });
    sessionIds = [];
  };
  const onPageHide = () => closeSessions(true);

  async function start() {
    const choice = await chooseTransport({ params, pageUrl, fetchImpl });
    if (stopped) return;
    control.setState({ mode: choice.kind });
    const opened = await openTransports({ choice, control, fetchImpl });
    if (!opened) return;
    if (choice.kind === 'server') {
      serverBase = choice.baseUrl;
      sessionIds = opened.map((t) => new URL(t.endpoints.status).searchParams.get('session'));
      globalThis.addEventListener?.('pagehide', onPageHide);
    }
    if (stopped) {
      closeSessions(false);
      return;
    }
    transports = opened;
    worlds.forEach((w, i) => {
      w.transport = transports[i];
      w.store.getState().setTransportKind(choice.kind, choice.baseUrl);
      const batcher = createMessageBatcher((texts) => w.store.getState().receiveTexts(texts));
      transports[i].start((text) => batcher.push(text));
    });
    const known = await Promise.all(worlds.map((w) => stateWhen(w.store, (s) => s.catalogue && (choice.kind === 'worker' || s.status))));
    if (stopped) return;
    const catalogue = known[0].catalogue;
    const plan = planAddressRun({ params: { ...params, autoplay: false, speed: undefined }, catalogue, mode: 'worker' });
    worlds[0].store.getState().addNotices(plan.notices);
    const missing = unknownDifference(difference, catalogue);
    if (missing) {
      addNotice(control, `World B cannot be built: ${missing}.`);
      return;
    }
    // Both worlds carry the run's own interventions (the address's `at`); world B has the difference too.
    const configs = worldConfigs(params.at?.length ? { ...plan.config, at: params.at } : plan.config, difference);
    const bodies = [configs.a, configs.b];
    const answers = await Promise.all(worlds.map((w, i) => {
      w.store.getState().setRunParameters(keptParameters(null, bodies[i]));
      const answer = resetAnswer(w.store, bodies[i]);
      transports[i].send({ control: 'reset', config: bodies[i] });
      return answer;
    }));
    if (stopped) return;
    answers.forEach(({ error }, i) => {
      if (error) addNotice(control, `The engine refused world ${WORLD_IDS[i].toUpperCase()}’s run (${error.message}).`);
    });
    if (answers.some((a) => a.error)) return;
    clock = createLockstepClock({
      worlds: worlds.map((w, i) => ({ store: w.store, send: (command) => transports[i].send(command) })),
      interventions: configs.interventions.map((x) => ({ ...x, world: 1 })),
      speed: params.speed ?? DEFAULT_SPEED,
      onChange: (c) => control.setState({ clock: c }),
    });
    comparison.clock = clock;
    comparison.resetBoth = () => {
      clock.pause();
      clock.resync();
      const landed = Promise.all(worlds.map((w) => {
        const shown = w.store.getState().state;
        return stateWhen(w.store, (s) => s.state !== shown && s.state?.timestep === 0);
      }));
      transports.forEach((t, i) => t.send({ control: 'reset', config: bodies[i] }));
      if (startStep !== null) landed.then(() => { if (!stopped) clock.runTo(startStep); });
    };
    control.setState({ ready: true, clock: clock.state() });
    if (startStep !== null) clock.runTo(startStep);
    else if (params.autoplay) clock.play();
  }

  start();
  return () => {
    stopped = true;
    clock?.stop();
    comparison.clock = null;
    for (const t of transports) t.stop();
    transports = [];
    for (const w of worlds) w.transport = null;
    globalThis.removeEventListener?.('pagehide', onPageHide);
    closeSessions(false);
  };
}
