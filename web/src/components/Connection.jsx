// Where the simulation runs: in this browser, or live on a server (with how many are watching), and
// the "connect" field that switches to a server.
import { useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';

export function ModeBadge() {
  const kind = useSimulation((s) => s.transportKind);
  const connection = useSimulation((s) => s.connection);
  const viewers = useSimulation((s) => s.status?.viewers ?? connection?.viewers);
  if (kind === 'server') {
    const live = connection?.state === 'live';
    return (
      <span className={`badge ${live ? 'live' : 'warn'}`} data-testid="mode-badge">
        <i className="pulse-dot" /> {live ? 'LIVE' : connection?.state === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
        {typeof viewers === 'number' && <> · <span data-testid="viewers">{viewers}</span> watching</>}
      </span>
    );
  }
  return <span className="badge" data-testid="mode-badge">In your browser</span>;
}

export function ConnectField({ onConnect, onDisconnect }) {
  const kind = useSimulation((s) => s.transportKind);
  const [url, setUrl] = useState('');
  const [open, setOpen] = useState(false);
  if (kind === 'server') {
    return <button type="button" className="link" data-testid="disconnect" onClick={onDisconnect}>Run in my browser</button>;
  }
  if (!open) return <button type="button" className="link" data-testid="connect-open" onClick={() => setOpen(true)}>Connect to a server…</button>;
  const valid = /^https?:\/\/\S+$/.test(url);
  return (
    <form className="connect" onSubmit={(e) => { e.preventDefault(); if (valid) onConnect(url); }}>
      <input data-testid="connect-url" placeholder="http://127.0.0.1:8080" value={url} onChange={(e) => setUrl(e.target.value.trim())} />
      <button type="submit" disabled={!valid}>Connect</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>Cancel</button>
    </form>
  );
}
