// "Record clip": records the graph as it plays into a WebM file and downloads it (clipRecorder.js), for
// slides. Started and stopped by the person, with the limits stated beside the button; where the browser
// cannot record, it says so instead of offering a button that fails. It reads the store of its context
// (the page's, or one world's in the Compare view) only for the caption and the file name.
import { useEffect, useRef, useState } from 'react';
import { useSimulationStore } from '../store/simulationStore.js';
import { shownState } from '../history/replayView.js';
import { clipFileName, clipSupport, codecLabel } from './clipFormat.js';
import { clock, limitSentence, sizeText } from './clipLimits.js';
import { startClipRecording } from './clipRecorder.js';
import { downloadBlob } from './download.js';
import './RecordClip.css';

const STOP_WORDS = { time: 'the time limit was reached', size: 'the size limit was reached', error: 'the browser stopped recording' };

/** The saved clip in words: "Saved finsim-….webm (1.2 MB, 7 s, VP9)", and why it stopped if not by the person. */
export function savedSentence({ fileName, bytes, seconds, type, reason }) {
  const why = STOP_WORDS[reason] ? ` — stopped because ${STOP_WORDS[reason]}` : '';
  return `Saved ${fileName} (${sizeText(bytes)}, ${Math.round(seconds)} s, ${codecLabel(type)})${why}.`;
}

/**
 * The control. `graphTestId` names the graph to record (the data-testid of NetworkGraph's Cytoscape
 * container; its parent holds the overlay too); `title` goes into the caption after "FinSim" (in the
 * Compare view: which world). `support` and `start` are for tests.
 */
export function RecordClip({ graphTestId = 'graph', title = '', support: supportOverride, start = startClipRecording }) {
  const store = useSimulationStore();
  const [support] = useState(() => supportOverride ?? clipSupport());
  const [recording, setRecording] = useState(null);  // {handle} while recording
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

  if (support.unavailable) {
    return <p className="record-clip muted" data-testid="record-clip-unavailable">{support.unavailable}</p>;
  }

  const begin = () => {
    const cy = document.querySelector(`[data-testid="${graphTestId}"]`);
    const graph = cy?.parentElement;
    if (!graph) { setMessage('There is no graph to record yet.'); return; }
    setMessage(null);
    try {
      const handle = start({
        graph, type: support.type, title,
        // A store without a replay (a Compare world's view) is live: `replay` absent counts as null.
        shown: () => { const s = store.getState(); return { state: shownState(s), replaying: Boolean(s.replay) }; },
        onStop: ({ blob, type, reason, seconds, firstStep, lastStep, state }) => {
          handleRef.current = null;
          if (!mounted.current) return;
          setRecording(null);
          if (!blob.size) { setMessage('The browser recorded nothing; no file was saved.'); return; }
          const fileName = clipFileName({ scenario: state?.scenario, seed: state?.seed, policy: state?.policy, firstStep, lastStep });
          downloadBlob(blob, fileName);
          setMessage(savedSentence({ fileName, bytes: blob.size, seconds, type, reason }));
        },
      });
      handleRef.current = handle;
      setElapsed(0);
      setRecording({ handle });
    } catch (error) {
      setMessage(`Recording could not start: ${error?.message ?? error}`);
    }
  };

  return (
    <div className="record-clip">
      {recording ? (
        <button type="button" className="danger" data-testid="record-clip" onClick={() => recording.handle.stop()}
          title="Stop and download the clip">■ Stop recording <span className="record-clock">{clock(elapsed)}</span></button>
      ) : (
        <button type="button" data-testid="record-clip" onClick={begin}
          title="Record the graph as it plays, for slides">● Record clip</button>
      )}
      <p className="muted record-clip-note">{limitSentence()}</p>
      {message && <p className="record-clip-status" data-testid="record-clip-status" role="status">{message}</p>}
    </div>
  );
}
