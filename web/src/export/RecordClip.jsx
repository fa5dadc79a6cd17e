// "Record clip" and "Record GIF": record the graph as it plays — with the headline, the legend and a caption
// (frameComposer.js) — into a WebM video (clipRecorder.js) or a GIF (gifRecorder.js) and download it, for
// slides. Started and stopped by the person, with each format's limits stated beside the buttons; where
// the browser cannot record video, it says so instead of offering a button that fails (a GIF needs only a
// canvas). It reads the store of its context (the page's), or each pane's (the Compare view's two
// worlds), only for the headlines, the captions and the file name.
import { useEffect, useRef, useState } from 'react';
import { useSimulationStore } from '../store/simulationStore.js';
import { headlineFacts, headlineInputs } from '../components/headlineFacts.js';
import { clipFileName, clipSupport, codecLabel } from './clipFormat.js';
import { clock, limitSentence, sizeText } from './clipLimits.js';
import { startClipRecording } from './clipRecorder.js';
import { gifLimitSentence } from './gifFormat.js';
import { startGifRecording } from './gifRecorder.js';
import { downloadBlob } from './download.js';
import './RecordClip.css';

const STOP_WORDS = { time: 'the time limit was reached', size: 'the size limit was reached', error: 'the browser stopped recording' };

/**
 * The saved clip in words: "Saved finsim-….webm (1.2 MB, 7 s, VP9)" or "… (2.1 MB, 8 s, GIF, 80 frames)",
 * and why it stopped if not by the person.
 */
export function savedSentence({ fileName, bytes, seconds, type, reason, frames }) {
  const why = STOP_WORDS[reason] ? ` — stopped because ${STOP_WORDS[reason]}` : '';
  const count = Number.isFinite(frames) ? `, ${frames} frames` : '';
  return `Saved ${fileName} (${sizeText(bytes)}, ${Math.round(seconds)} s, ${codecLabel(type)}${count})${why}.`;
}

/**
 * What a store shows, for a frame: the step on screen, whether it is replayed, and the headline's facts
 * with the policy named (a slide has no settings panel beside it). A store without a replay (a Compare
 * world's view) is live.
 */
const shownBy = (store) => () => {
  const inputs = headlineInputs(store.getState());
  return { state: inputs.state, replaying: inputs.replaying, headline: headlineFacts(inputs, { showPolicy: true }) };
};

/** The two formats: the button's words and test id, the file's extension. */
const FORMATS = {
  webm: { label: '● Record clip', title: 'Record the graph as it plays, as a WebM video for slides', testId: 'record-clip', extension: 'webm' },
  gif: { label: '● Record GIF', title: 'Record the graph as it plays, as a GIF for slides', testId: 'record-gif', extension: 'gif' },
};

/**
 * The control. `graphTestId` names the graph to record (the data-testid of NetworkGraph's Cytoscape
 * container; its parent holds the overlay too); `title` goes into the caption after "FinSim" (in the
 * Compare view: which world). `panes` = [{graphTestId, title, store}], instead, records several graphs
 * side by side in one frame, each captioned with its title and its own store's step (the Compare view's
 * two worlds: "A: …", "B: …"). `support`, `start` and `startGif` are for tests.
 */
export function RecordClip({ graphTestId = 'graph', title = '', panes = null, support: supportOverride, start = startClipRecording,
  startGif = startGifRecording }) {
  const contextStore = useSimulationStore();
  const [support] = useState(() => supportOverride ?? clipSupport());
  const [recording, setRecording] = useState(null);  // {format, handle} while recording
  const [elapsed, setElapsed] = useState(0);
  const [message, setMessage] = useState(null);
  const handleRef = useRef(null);
  const mounted = useRef(true);

  useEffect(() => {
    if (!recording) return undefined;
    const timer = setInterval(() => setElapsed(recording.handle.elapsedMs()), 250);
    return () => clearInterval(timer);
  }, [recording]);
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; handleRef.current?.stop(); };  // leaving ends a recording, unsaved
  }, []);

  const begin = (format) => {
    const wanted = panes ?? [{ graphTestId, title, store: contextStore }];
    const found = wanted.map((p) => ({ graph: document.querySelector(`[data-testid="${p.graphTestId}"]`)?.parentElement,
      title: p.title, shown: shownBy(p.store) }));
    if (found.some((p) => !p.graph)) { setMessage('There is no graph to record yet.'); return; }
    setMessage(null);
    try {
      const handle = (format === 'gif' ? startGif : start)({
        ...(panes ? { panes: found } : found[0]), type: support.type,
        onStop: ({ blob, type, reason, seconds, frames, firstStep, lastStep, state }) => {
          handleRef.current = null;
          if (!mounted.current) return;
          setRecording(null);
          if (!blob.size) { setMessage('The browser recorded nothing; no file was saved.'); return; }
          const fileName = clipFileName({ scenario: state?.scenario, seed: state?.seed, policy: state?.policy, firstStep, lastStep,
            compare: Boolean(panes) }, FORMATS[format].extension);
          downloadBlob(blob, fileName);
          setMessage(savedSentence({ fileName, bytes: blob.size, seconds, type, reason, frames }));
        },
      });
      handleRef.current = handle;
      setElapsed(0);
      setRecording({ format, handle });
    } catch (error) {
      setMessage(`Recording could not start: ${error?.message ?? error}`);
    }
  };

  const button = (format) => {
    const { label, title: hint, testId } = FORMATS[format];
    if (recording?.format === format) {
      return (
        <button type="button" className="danger" data-testid={testId} onClick={() => recording.handle.stop()}
          title="Stop and download">■ Stop recording <span className="record-clock">{clock(elapsed)}</span></button>
      );
    }
    return <button type="button" data-testid={testId} onClick={() => begin(format)} disabled={Boolean(recording)} title={hint}>{label}</button>;
  };

  return (
    <div className="record-clip">
      <div className="record-clip-buttons">
        {!support.unavailable && button('webm')}
        {button('gif')}
      </div>
      {support.unavailable
        ? <p className="muted" data-testid="record-clip-unavailable">{support.unavailable}</p>
        : <p className="muted record-clip-note">{limitSentence()}</p>}
      <p className="muted record-gif-note">{gifLimitSentence()}</p>
      {message && <p className="record-clip-status" data-testid="record-clip-status" role="status">{message}</p>}
    </div>
  );
}
