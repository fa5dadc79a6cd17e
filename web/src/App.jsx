// The page: the network in the middle, controls and the explanation beside it, the system's series
// and the event timeline below. ?embed=1 keeps only the graph, the headline naming the policy, a caption
// and play, step and reset. Nothing over the graph hides a bank (graph/viewportFit.js).
// #/portfolios switches to the Portfolios part (lazy-loaded); the simulation stays connected.
import { useCallback, useEffect, useState } from 'react';
import { simulationStore, useSimulation } from './store/simulationStore.js';
import { connect, disconnect } from './session/connect.js';
import { startUrlSync } from './session/urlSync.js';
import { parseUrlState, switchedModeSearch } from './url/urlState.js';
import { NetworkGraph } from './graph/NetworkGraph.jsx';
import { PlaybackControls, useSpaceToPlay } from './components/PlaybackControls.jsx';
import { RecordClip } from './export/RecordClip.jsx';
import { RunSettings } from './components/RunSettings.jsx';
import { PriceShock } from './components/Interventions.jsx';
import { Headline } from './components/Headline.jsx';
import { Legend } from './components/Legend.jsx';
import { Caption, Explanation } from './components/Explanation.jsx';
import { BankInspector } from './components/BankInspector.jsx';
import { TrainPanel } from './components/TrainPanel.jsx';
import { MetricsPanel } from './components/MetricsPanel.jsx';
import { Timeline } from './components/Timeline.jsx';
import { ErrorScreen } from './components/ErrorScreen.jsx';
import { ErrorToast } from './components/ErrorToast.jsx';
import { Notices } from './components/Notices.jsx';
import { ConnectField, ModeBadge } from './components/Connection.jsx';
import { PartTabs } from './components/PartTabs.jsx';
import { PortfoliosPart } from './components/PortfoliosPart.jsx';
import { useHashRoute } from './url/useHashRoute.js';
import { ReplayBadge, Scrubber } from './components/Scrubber.jsx';
import { CompareApp } from './compare/CompareApp.jsx';
import { ComparePicker } from './compare/ComparePicker.jsx';
import { LessonsPanel } from './compare/LessonsPanel.jsx';
import { readComparison } from './compare/compareAddress.js';
import { useAddressNotice } from './compare/useAddressNotice.js';
import { useBranchCompare } from './compare/useBranchCompare.js';

function useConnection(params) {
  useEffect(() => {
    connect({ store: simulationStore, params });
    const stopSync = startUrlSync(simulationStore);
    return () => { stopSync(); disconnect(); };
  }, [params]);
}

function prefersReducedMotion() {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

function Loading() {
  const state = useSimulation((s) => s.state);
  const kind = useSimulation((s) => s.transportKind);
  const connection = useSimulation((s) => s.connection);
  if (state) return null;
  const text = kind === 'server'
    ? `Waiting for the server at ${connection?.url ?? '…'} (${connection?.state ?? 'connecting'})…`
    : 'Starting the engine…';
  return <div className="loading" data-testid="loading">{text}</div>;
}

function NetworkLayout({ params, onReady }) {
  return (
    <main className="layout">
      <section className="stage">
        <NetworkGraph onReady={onReady} effects={params.effects && !prefersReducedMotion()} />
        <div className="stage-top"><Headline /><Notices /></div>
        <Legend />
        <Loading />
        <ReplayBadge />
      </section>
      <Scrubber />
      <aside className="side">
        <section className="panel controls">
          <PlaybackControls />
          <RecordClip />
          <RunSettings />
          <PriceShock />
          <ComparePicker />
        </section>
        <Explanation />
        <BankInspector />
        <TrainPanel />
        <LessonsPanel />
      </aside>
      <section className="bottom">
        <MetricsPanel />
        <Timeline />
      </section>
    </main>
  );
}

// ?compare= or ?lesson= opens the Compare view (compare/CompareApp.jsx), its own page with two worlds;
// otherwise the one-world page below.
export function App() {
  const [address] = useState(() => readComparison(location.search));
  if (address.mode === 'compare') {
    return <CompareApp params={address.params} difference={address.difference} lesson={address.lesson} startStep={address.startStep} />;
  }
  return <SingleWorldApp addressNotice={address.notice} />;
}

function SingleWorldApp({ addressNotice }) {
  const [params, setParams] = useState(() => parseUrlState(location.search));
  const fatal = useSimulation((s) => s.fatal);
  const route = useHashRoute();
  useConnection(params);
  useAddressNotice(simulationStore, addressNotice);
  useBranchCompare(simulationStore);
  useSpaceToPlay(simulationStore);
  const onReady = useCallback(() => {}, []);

  const switchTo = (change) => {
    history.replaceState(null, '', `${location.pathname}${switchedModeSearch(location.search, change)}${location.hash}`);
    setParams(parseUrlState(location.search));
  };

  if (fatal && route.part === 'network') return <ErrorScreen error={fatal} />;

  if (params.embed) {
    return (
      <div className="app embed" data-testid="app" data-embed="1">
        <main className="stage">
          <NetworkGraph onReady={onReady} effects={params.effects && !prefersReducedMotion()} />
          <div className="stage-top"><Headline showPolicy /><Notices /></div>
          <Loading />
          <div className="embed-bar" data-testid="embed-bar"><PlaybackControls /><Caption /></div>
        </main>
        <ErrorToast />
      </div>
    );
  }

  return (
    <div className={route.part === 'portfolios' ? 'app app-document' : 'app'} data-testid="app">
      <header className="topbar">
        <div className="brand"><span className="logo" aria-hidden="true">◉</span> FinSim <small>a banking network, live</small></div>
        <PartTabs part={route.part} />
        <div className="topbar-right">
          <ModeBadge />
          <ConnectField onConnect={(url) => switchTo({ server: url })} onDisconnect={() => switchTo({ worker: '1' })} />
        </div>
      </header>
      {route.part === 'portfolios' ? <PortfoliosPart route={route} /> : <NetworkLayout params={params} onReady={onReady} />}
      <ErrorToast />
    </div>
  );
}
