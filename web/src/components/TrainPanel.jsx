// Train banks in the browser: a short MAPPO training in the worker (src/worker/trainingHost.js) with a
// live learning curve, then "Watch the trained banks" resets the run with the policy it produced. Worker
// mode only (a server session has no trainer). The engine computes every figure shown here.
import { useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';
import { downloadText } from '../export/download.js';
import { DEFAULT_TRAINING_FORM, TRAINING_BUDGETS, canWatch, curveValues, trainStartCommand, watchCommand } from '../store/trainingModel.js';
import { Sparkline } from './Sparkline.jsx';
import { humanName } from '../format.js';

function formatNumber(v, digits) {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}

function statusText(training) {
  const last = training.points.at(-1);
  switch (training.state) {
    case 'running':
      return last
        ? `Iteration ${last.iteration} · ${Math.round(last.progress * 100)} % of the budget · ${Math.round(last.agent_steps_per_s ?? 0).toLocaleString('en')} agent-steps/s`
        : 'Starting…';
    case 'done': return `Trained: ${training.iterations} iterations. The policy is registered as “${training.policy}”.`;
    case 'stopped':
      return training.policy ? `Stopped after ${training.iterations} iterations; the policy so far is registered as “${training.policy}”.`
        : 'Stopped before the first iteration.';
    case 'failed': return `Training failed: ${training.error?.message ?? 'unknown error'}`;
    default: return 'Every bank shares one policy, trained with multi-agent PPO in this tab’s worker.';
  }
}

function cooperationLabel(w) {
  if (w >= 1) return 'cooperative';
  if (w <= 0) return 'selfish';
  return `${Math.round(w * 100)} % system`;
}

function TrainForm({ form, setForm, scenarios, disabled }) {
  const set = (key) => (e) => setForm({ ...form, [key]: e.target.value });
  return (
    <div className="settings">
      <label>
        <span>Train on</span>
        <select data-testid="train-scenario" value={form.scenario} disabled={disabled} onChange={set('scenario')}>
          {scenarios.map((s) => <option key={s.name} value={s.name}>{humanName(s.name)}</option>)}
        </select>
      </label>
      <label>
        <span>Budget (steps)</span>
        <select data-testid="train-budget" value={form.steps} disabled={disabled} onChange={set('steps')}>
          {TRAINING_BUDGETS.map((n) => <option key={n} value={n}>{n.toLocaleString('en')}</option>)}
        </select>
      </label>
      <label className="speed">
        <span>Cooperation <b data-testid="train-cooperation-value">{cooperationLabel(Number(form.cooperation))}</b></span>
        <input type="range" min="0" max="1" step="0.1" value={form.cooperation} disabled={disabled}
          data-testid="train-cooperation" aria-label="Cooperation weight" onChange={set('cooperation')} />
      </label>
      <label title="Off: banks choose only when a crisis reaches them (they cannot see it coming). On: they choose every step, and learn to read the scenario's clock.">
        <span>Free from step 0</span>
        <input type="checkbox" data-testid="train-discretion" checked={form.discretion === 'always'} disabled={disabled}
          onChange={(e) => setForm({ ...form, discretion: e.target.checked ? 'always' : 'under_stress' })} />
      </label>
      <label>
        <span>Seed</span>
        <input data-testid="train-seed" inputMode="numeric" value={form.seed} disabled={disabled}
          onChange={(e) => setForm({ ...form, seed: e.target.value.replace(/[^0-9]/g, '') || '0' })} />
      </label>
    </div>
  );
}

function LearningCurve({ points }) {
  const last = points.at(-1);
  return (
    <div className="spark-grid" data-testid="train-curve" data-points={points.length}>
      <Sparkline testid="train-return" label="Mean episode return" colour="#a3e635" values={curveValues(points, 'mean_return')}
        value={formatNumber(last?.mean_return, 3)} />
      <Sparkline testid="train-entropy" label="Entropy" colour="#38bdf8" values={curveValues(points, 'entropy')}
        value={formatNumber(last?.entropy, 3)} />
      <Sparkline testid="train-kl" label="KL" colour="#fbbf24" values={curveValues(points, 'kl')}
        value={formatNumber(last?.kl, 4)} />
      <Sparkline testid="train-speed" label="Agent-steps/s" colour="#c084fc" values={curveValues(points, 'agent_steps_per_s')}
        min={0} value={Number.isFinite(last?.agent_steps_per_s) ? Math.round(last.agent_steps_per_s).toLocaleString('en') : '—'} />
    </div>
  );
}

export function TrainPanel() {
  const training = useSimulation((s) => s.training);
  const status = useSimulation((s) => s.status);
  const runParameters = useSimulation((s) => s.runParameters);
  const scenarios = useSimulation((s) => s.catalogue?.scenarios) ?? [];
  const kind = useSimulation((s) => s.transportKind);
  const [form, setForm] = useState(DEFAULT_TRAINING_FORM);
  if (kind !== 'worker') return null;
  const running = training.state === 'running';

  return (
    <section className="panel train" data-testid="train-panel" data-state={training.state}>
      <h2>
        Train banks
        {training.policyFile && (
          <button type="button" className="link" data-testid="train-download"
            onClick={() => downloadText(training.policyFile, 'finsim-trained-policy.json', 'application/json')}>Download policy</button>
        )}
      </h2>
      <TrainForm form={form} setForm={setForm} scenarios={scenarios} disabled={running || !status} />
      <div className="playback">
        {running
          ? <button type="button" data-testid="train-stop" onClick={() => sendCommand({ train: 'stop' })}>■ Stop</button>
          : <button type="button" className="primary" data-testid="train-start" disabled={!status}
              onClick={() => sendCommand(trainStartCommand(form))}>Train</button>}
        <button type="button" data-testid="train-watch" disabled={!canWatch(training)}
          onClick={() => { sendCommand(watchCommand(status, training, runParameters)); sendCommand({ control: 'play' }); }}>
          Watch the trained banks
        </button>
      </div>
      <p className="train-status" data-testid="train-status" role="status">{statusText(training)}</p>
      {training.points.length > 0 && <LearningCurve points={training.points} />}
    </section>
  );
}
