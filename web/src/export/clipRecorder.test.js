import { describe, expect, it } from 'vitest';
import { startClipRecording } from './clipRecorder.js';
import { headlineFacts } from '../components/headlineFacts.js';

/** A fake window: canvases that log what is drawn, a MediaRecorder that yields one chunk per requestData, a manual clock and frame queue. */
function fakeEnv() {
  const drawn = [];
  const frames = [];
  let now = 0;
  // A 2D context that logs the text and images drawn (with where), and ignores the other calls.
  const logged = {
    measureText: (text) => ({ width: String(text).length * 7 }),
    fillText: (text, x, y) => drawn.push({ text, x, y }),
    drawImage: (layer, sx, sy, sw, sh, x, y, width, height) => drawn.push({ layer: layer.name, x, y, width, height }),
    createLinearGradient: () => ({ addColorStop() {} }),
  };
  const context = new Proxy({}, {
    get: (target, key) => (key in target ? target[key] : logged[key] ?? (() => {})),
    set: (target, key, value) => { target[key] = value; return true; },
  });
  const recorders = [];
  class MediaRecorder {
    constructor(stream, options) { this.stream = stream; this.options = options; this.state = 'inactive'; recorders.push(this); }
    start(timeslice) { this.timeslice = timeslice; this.state = 'recording'; }
    deliver(size) { this.ondataavailable({ data: new Blob([new Uint8Array(size)]) }); }
    stop() { this.state = 'inactive'; this.deliver(100); this.onstop(); }
  }
  const tracks = [{ stopped: false, stop() { this.stopped = true; } }];
  const env = {
    devicePixelRatio: 1,
    document: { createElement: () => ({ getContext: () => context, captureStream: (fps) => ({ fps, getTracks: () => tracks }) }) },
    MediaRecorder,
    requestAnimationFrame: (f) => frames.push(f),
    cancelAnimationFrame: () => { frames.length = 0; },
    performance: { now: () => now },
    getComputedStyle: () => ({ backgroundColor: 'rgb(7, 11, 20)' }),
  };
  const layer = (name, box, width = box.width, height = box.height) => ({ name, width, height, getBoundingClientRect: () => box });
  /**
   * A graph element 400 × 300 at (left, 20) with its Cytoscape layer, a hidden one and the overlay, each
   * layer's name prefixed; `fitArea` ("x1 y1 x2 y2"), the area its container is marked as fitted in;
   * `screen`: with the layer of the whole screen's effects on top (graph/NetworkGraph.jsx's graph-screen).
   */
  const graphAt = (left, { prefix = '', fitArea = null, screen = false } = {}) => {
    const box = { left, top: 20, width: 400, height: 300 };
    const container = { getAttribute: (name) => (name === 'data-fit-area' ? fitArea : null), getBoundingClientRect: () => box };
    return {
      nodeType: 1, parentElement: null,
      getBoundingClientRect: () => box,
      querySelector: () => (fitArea ? container : null),
      querySelectorAll: () => [layer(`${prefix}cy-nodes`, box), layer(`${prefix}hidden`, { left: 0, top: 0, width: 0, height: 0 }),
        layer(`${prefix}overlay`, box), ...(screen ? [{ ...layer(`${prefix}screen`, box), matches: (s) => s === '.graph-screen' }] : [])],
    };
  };
  return {
    env, graph: graphAt(10), graphAt, drawn, recorders, tracks,
    advance(ms) { now += ms; const due = frames.splice(0); for (const f of due) f(); },
  };
}

const stateAt = (timestep) => ({ scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', timestep });

describe('startClipRecording', () => {
  it('draws every visible layer in page order under the headline band, then the headline, the caption and the legend, and records the composed canvas as WebM', () => {
    const fake = fakeEnv();
    const state = { ...stateAt(5), asset_price: 0.9, current_policy: 'heuristic+no_hoard' };
    const headline = headlineFacts({ state, metrics: { defaulted_banks: 2, active_banks: 98 }, policy: 'heuristic' }, { showPolicy: true });
    startClipRecording({ graph: fake.graph, type: 'video/webm;codecs=vp8', env: fake.env, onStop() {},
      shown: () => ({ state, replaying: false, headline }) });
    const top = 54;  // the headline band: two lines of 20 px and 7 px around them, for a 400 px frame
    expect(fake.drawn.slice(0, 2)).toEqual([
      { layer: 'cy-nodes', x: 0, y: top, width: 400, height: 300 },
      { layer: 'overlay', x: 0, y: top, width: 400, height: 300 },
    ]);
    const texts = fake.drawn.slice(2).map((d) => d.text);
    expect(texts.slice(0, texts.indexOf('FinSim · Liquidity freeze · seed 42 · heuristic · step 5'))).toEqual([
      'STEP ', '5', 'SCENARIO ', 'Liquidity freeze', 'POLICY ', 'Heuristic', 'BANKS NOW FOLLOW ', 'Heuristic, no hoarding',
      'ASSET PRICE ', headline[4].value, '2 banks have failed', ' · 98 standing',
    ]);
    for (const d of fake.drawn.slice(2, 14)) expect(d.y).toBeLessThan(top);  // the headline above the graph
    const legend = fake.drawn.slice(15);
    expect(legend.map((d) => d.text)).toEqual(expect.arrayContaining(['capital: strong → thin', 'failed bank', 'creditor lost']));
    for (const d of legend) expect(d.y).toBeGreaterThan(top + 300);  // the legend under it
    const [recorder] = fake.recorders;
    expect(recorder.options.mimeType).toBe('video/webm;codecs=vp8');
    expect(recorder.stream.fps).toBe(30);
    expect(recorder.state).toBe('recording');
  });

  it('stops when asked and hands over the clip with the steps it covers', () => {
    const fake = fakeEnv();
    let step = 3;
    let result = null;
    const handle = startClipRecording({ graph: fake.graph, type: 'video/webm;codecs=vp9', env: fake.env,
      onStop: (r) => { result = r; }, shown: () => ({ state: stateAt(step), replaying: false }) });
    fake.advance(500);
    step = 9;
    fake.advance(500);
    fake.recorders[0].deliver(4000);
    handle.stop();
    handle.stop();  // a second stop does nothing
    expect(result).toMatchObject({ reason: 'user', firstStep: 3, lastStep: 9, type: 'video/webm;codecs=vp9', seconds: 1 });
    expect(result.blob.size).toBe(4100);  // the chunks delivered, and the last one delivered on stop
    expect(result.blob.type).toBe('video/webm');
    expect(handle.bytes()).toBe(4100);
    expect(fake.tracks[0].stopped).toBe(true);
  });

  it('stops by itself at the time limit and at the size limit', () => {
    const timed = fakeEnv();
    let reason = null;
    startClipRecording({ graph: timed.graph, type: 'video/webm', env: timed.env, limits: { maxSeconds: 2, maxBytes: 1e9 },
      onStop: (r) => { reason = r.reason; }, shown: () => ({ state: stateAt(1) }) });
    timed.advance(1000);
    expect(reason).toBeNull();
    timed.advance(1000);
    expect(reason).toBe('time');

    const sized = fakeEnv();
    startClipRecording({ graph: sized.graph, type: 'video/webm', env: sized.env, limits: { maxSeconds: 60, maxBytes: 5000 },
      onStop: (r) => { reason = r.reason; }, shown: () => ({ state: stateAt(1) }) });
    sized.recorders[0].deliver(6000);
    expect(reason).toBe('size');
  });

  it('centres each world in its half: the area its page fitted the banks in, not where the page\'s boxes pushed it', () => {
    const fake = fakeEnv();
    const shown = () => ({ state: stateAt(4), replaying: false });
    // World A's tag pushed its banks 60 px right on the page, world B's (wider) 100 px right.
    const panes = [{ graph: fake.graphAt(0, { prefix: 'a-', fitArea: '60 0 400 300' }), shown, title: 'A' },
      { graph: fake.graphAt(410, { prefix: 'b-', fitArea: '100 0 400 300', screen: true }), shown, title: 'B' }];
    startClipRecording({ panes, type: 'video/webm', env: fake.env, onStop() {} });
    const drawnAt = (name) => fake.drawn.find((d) => d.layer === name);
    const areaCentre = (d, x1, x2) => d.x + (x1 + x2) / 2;  // where the fitted area's centre landed (scale 1)
    expect(areaCentre(drawnAt('a-cy-nodes'), 60, 400)).toBe(200);  // the middle of A's half (0…400)
    expect(areaCentre(drawnAt('b-cy-nodes'), 100, 400)).toBe(600);  // the middle of B's half (400…800)
    expect(drawnAt('b-overlay').x).toBe(drawnAt('b-cy-nodes').x);  // the effects stay on their banks
    expect(drawnAt('b-screen')).toMatchObject({ x: 400, width: 400 });  // a price drop's dimming covers B's half, not more
    expect(drawnAt('a-cy-nodes').y).toBe(drawnAt('b-cy-nodes').y);
  });

  it('only reads what is shown: the state it is given is left as it was', () => {
    const fake = fakeEnv();
    const state = Object.freeze(stateAt(7));
    const handle = startClipRecording({ graph: fake.graph, type: 'video/webm', env: fake.env, onStop() {},
      shown: () => ({ state, replaying: true }) });
    fake.advance(16);
    handle.stop();
    expect(fake.drawn.map((d) => d.text)).toContain('FinSim · Liquidity freeze · seed 42 · heuristic · step 7 (replay)');
  });
});
