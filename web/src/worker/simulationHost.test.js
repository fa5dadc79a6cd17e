import { describe, expect, it } from 'vitest';
import { createSimulationHost, splitMessages } from './simulationHost.js';

// A fake engine module with the embind Session's shape.
function fakeModule({ throwOnAdvance = false } = {}) {
  class Session {
    constructor() { this.t = 0; this.run = false; this.sps = 2; }
    control(name, body) {
      const b = JSON.parse(body);
      if (name === 'play') this.run = true;
      else if (name === 'pause') this.run = false;
      else if (name === 'speed') {
        if (!(b.steps_per_second >= 0.1 && b.steps_per_second <= 50)) return JSON.stringify({ error: { code: 'out_of_range', message: 'speed' } });
        this.sps = b.steps_per_second;
      } else if (name === 'step') {
        if (this.run) return JSON.stringify({ error: { code: 'conflict', message: 'running' } });
        return JSON.stringify({ messages: this.advance().split('\n'), status: this.statusObject() });
      } else if (name === 'reset') {
        this.t = 0; this.run = false;
        return JSON.stringify({ messages: [`{"type":"STATE_UPDATE","t":0,"cfg":${body}}`, '{"type":"METRICS_UPDATE","t":0}'], status: this.statusObject() });
      } else return JSON.stringify({ error: { code: 'unknown_control', message: name } });
      return JSON.stringify({ messages: [], status: this.statusObject() });
    }
    advance() {
      if (throwOnAdvance) throw new Error('RuntimeError: unreachable');
      this.t++;
      return `{"type":"EVENT","t":${this.t}}\n{"type":"STATE_UPDATE","t":${this.t}}\n{"type":"METRICS_UPDATE","t":${this.t}}`;
    }
    statusObject() { return { timestep: this.t, running: this.run, speed: this.sps }; }
    status() { return JSON.stringify(this.statusObject()); }
    running() { return this.run; }
    speed() { return this.sps; }
    snapshot() { return `{"type":"STATE_UPDATE","t":${this.t}}\n{"type":"METRICS_UPDATE","t":${this.t}}`; }
    why(body) {
      const { bank } = JSON.parse(body);
      if (bank !== 3) return JSON.stringify({ error: { code: 'bank_not_failed', message: `bank ${bank} has not failed` } });
      return JSON.stringify({ bank, horizon: this.t, sentences: ['Bank 3 failed at step 1, forced into default.'] });
    }
  }
  return { Session, catalogue: () => '{"scenarios":[]}', engineInfo: () => '{"controls":[]}' };
}

function harness(options) {
  const posted = [];
  const timers = [];
  let clock = 0;
  const host = createSimulationHost({
    module: fakeModule(options),
    post: (t) => posted.push(t),
    setTimer: (fn, ms) => { const t = { fn, at: clock + ms, live: true }; timers.push(t); return t; },
    clearTimer: (t) => { if (t) t.live = false; },
    now: () => clock,
  });
  const advanceTo = (ms) => {
    for (;;) {
      const next = timers.filter((t) => t.live && t.at <= ms).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      next.live = false;
      clock = next.at;
      next.fn();
    }
    clock = ms;
  };
  const types = () => posted.map((t) => JSON.parse(t).type);
  return { host, posted, advanceTo, types, liveTimers: () => timers.filter((t) => t.live).length };
}

describe('the simulation host (what the worker runs)', () => {
  it('splits NDJSON batches', () => {
    expect(splitMessages('')).toEqual([]);
    expect(splitMessages('a\nb')).toEqual(['a', 'b']);
  });

  it('posts the engine messages unchanged, then a STATUS', () => {
    const h = harness();
    h.host.handle({ control: 'reset', config: { scenario: 'calm', seed: 3 } });
    expect(h.posted[0]).toBe('{"type":"STATE_UPDATE","t":0,"cfg":{"scenario":"calm","seed":3}}');
    expect(h.types()).toEqual(['STATE_UPDATE', 'METRICS_UPDATE', 'STATUS']);
  });

  it('runs one step per 1/speed seconds while playing, and stops on pause', () => {
    const h = harness();
    h.host.handle({ control: 'speed', steps_per_second: 4 });
    h.host.handle({ control: 'play' });
    h.advanceTo(1000);  // steps at 0, 250, 500, 750, 1000
    expect(h.posted.filter((t) => t.startsWith('{"type":"STATE_UPDATE"'))).toHaveLength(5);
    h.host.handle({ control: 'pause' });
    expect(h.liveTimers()).toBe(0);
    h.advanceTo(5000);
    expect(h.posted.filter((t) => t.startsWith('{"type":"STATE_UPDATE"'))).toHaveLength(5);
  });

  it('a speed change while playing takes effect at once', () => {
    const h = harness();
    h.host.handle({ control: 'play' });
    h.advanceTo(0);
    h.host.handle({ control: 'speed', steps_per_second: 10 });
    h.advanceTo(1000);
    expect(h.posted.filter((t) => t.startsWith('{"type":"STATE_UPDATE"')).length).toBe(11);
  });

  it('a reset pauses the loop', () => {
    const h = harness();
    h.host.handle({ control: 'play' });
    h.host.handle({ control: 'reset', config: {} });
    expect(h.liveTimers()).toBe(0);
  });

  it('answers a refused control with an ERROR naming the control and changes nothing', () => {
    const h = harness();
    h.host.handle({ control: 'speed', steps_per_second: 500 });
    h.host.handle({ control: 'warp' });
    h.host.handle({ nothing: true });
    const errors = h.posted.map((t) => JSON.parse(t)).filter((m) => m.type === 'ERROR').map((m) => m.payload);
    expect(errors.map((e) => e.code)).toEqual(['out_of_range', 'unknown_control', 'bad_request']);
    expect(errors[0].control).toBe('speed');
  });

  it('reports an engine crash as a fatal ERROR and stops', () => {
    const h = harness({ throwOnAdvance: true });
    h.host.handle({ control: 'play' });
    h.advanceTo(100);
    const last = JSON.parse(h.posted[h.posted.length - 1]);
    expect(last).toMatchObject({ type: 'ERROR', payload: { code: 'engine_failed', fatal: true } });
    expect(h.liveTimers()).toBe(0);
  });

  it('answers a question with one ANSWER carrying the engine\'s reply, and nothing else', () => {
    const h = harness();
    h.host.ask({ ask: 'why', id: 7, bank: 3 });
    h.host.ask({ ask: 'why', id: 8, bank: 4 });
    h.host.ask({ ask: 'how', id: 9 });
    expect(h.types()).toEqual(['ANSWER', 'ANSWER', 'ANSWER']);
    const answers = h.posted.map((t) => JSON.parse(t).payload);
    expect(answers[0]).toEqual({ id: 7, reply: { bank: 3, horizon: 0, sentences: ['Bank 3 failed at step 1, forced into default.'] } });
    expect(answers[1]).toEqual({ id: 8, reply: { error: { code: 'bank_not_failed', message: 'bank 4 has not failed' } } });
    expect(answers[2].reply.error.code).toBe('bad_request');
  });

  it('answers a question after the engine failed with an error, not silence', () => {
    const h = harness({ throwOnAdvance: true });
    h.host.handle({ control: 'step' });
    h.host.ask({ ask: 'why', id: 3, bank: 3 });
    const last = JSON.parse(h.posted[h.posted.length - 1]);
    expect(last).toMatchObject({ type: 'ANSWER', payload: { id: 3, reply: { error: { code: 'engine_failed' } } } });
  });

  it('a question while playing leaves the stream and the step cadence as they were', () => {
    const h = harness();
    h.host.handle({ control: 'speed', steps_per_second: 4 });
    h.host.handle({ control: 'play' });
    h.advanceTo(300);
    h.host.ask({ ask: 'why', id: 1, bank: 3 });
    h.advanceTo(1000);
    const stream = h.posted.filter((t) => !t.startsWith('{"type":"ANSWER"'));
    const quiet = harness();
    quiet.host.handle({ control: 'speed', steps_per_second: 4 });
    quiet.host.handle({ control: 'play' });
    quiet.advanceTo(1000);
    expect(stream).toEqual(quiet.posted);
    expect(h.types().filter((t) => t === 'ANSWER')).toHaveLength(1);
  });
});
