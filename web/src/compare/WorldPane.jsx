// One world of a comparison: its graph, headline and notices, all reading the world's lockstep view
// through the store context, under a tag naming the world by its difference; scrubbed back, the replay's
// amber frame and badge (components/Scrubber.jsx). The tag and the badge share the stage's foot
// (.stage-foot, compare.css), so that on a narrow stage one goes above the other instead of over it.
// World B, which receives the interventions, also shows a control its engine refused.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { SimulationStoreContext } from '../store/simulationStore.js';
import { NetworkGraph } from '../graph/NetworkGraph.jsx';
import { Headline } from '../components/Headline.jsx';
import { Notices } from '../components/Notices.jsx';
import { ErrorToast } from '../components/ErrorToast.jsx';
import { markFirstRender } from '../perfMarks.js';
import { ReplayBadge, ReplayFrame } from '../components/Scrubber.jsx';
import { WorldSwatch } from './CompareChart.jsx';

// What the end-to-end tests and the perf script read of each world: its last drawn step and how many
// snapshots it drew (window.__finsimWorlds.a / .b). World A also feeds the page's perf marks.
function noteRendered(world, payload) {
  const w = globalThis.window;
  if (!w) return;
  w.__finsimWorlds ??= {};
  const seen = w.__finsimWorlds[world] ?? { rendered: 0 };
  w.__finsimWorlds[world] = { rendered: seen.rendered + 1, timestep: payload.timestep, nodes: payload.nodes.length };
}

// The end-to-end tests also read each world's own store (window.__finsimWorldStores.a / .b: the engine's
// live state, each bank's default_timestep) to check what a scrubbed-back graph draws against it.
// Each world's graph and the marks of cause and effect of the step it shows (animation/overlay.js).
const ON_READY = {
  a: (controller) => { (window.__finsimWorldCy ??= {}).a = controller.cy; (window.__finsimWorldMarks ??= {}).a = () => controller.overlay.marks(); },
  b: (controller) => { (window.__finsimWorldCy ??= {}).b = controller.cy; (window.__finsimWorldMarks ??= {}).b = () => controller.overlay.marks(); },
};

const ON_RENDERED = {
  a: (payload) => { markFirstRender(payload); noteRendered('a', payload); },
  b: (payload) => noteRendered('b', payload),
};

function Waiting({ store }) {
  const state = useStore(store, (s) => s.state);
  if (state) return null;
  return <div className="loading">Starting this world…</div>;
}

/**
 * `onLive`: what the replay badge's "Back to live" does (both worlds go live together). `showPolicy`
 * (the embed, which has no title naming the runs) names the policy the world's engine runs.
 */
export function WorldPane({ world, label, effects, onLive = null, showPolicy = false }) {
  useEffect(() => { (window.__finsimWorldStores ??= {})[world.id] = world.store; }, [world]);
  return (
    <SimulationStoreContext.Provider value={world.view.store}>
      <section className={`stage compare-stage world-${world.id}`} data-testid={`world-${world.id}`}>
        <NetworkGraph bus={world.view.bus} effects={effects} expose={world.id === 'a'} onReady={ON_READY[world.id]}
          onRendered={ON_RENDERED[world.id]} testid={`graph-${world.id}`} />
        <Headline showPolicy={showPolicy} />
        <ReplayFrame />
        <div className="stage-foot">
          <div className={`world-tag world-${world.id}`} data-testid={`world-${world.id}-label`}>
            <WorldSwatch world={world.id} /> <b>{world.id.toUpperCase()}</b> {label}
          </div>
          <ReplayBadge onLive={onLive} framed={false} />
        </div>
        <Notices />
        <Waiting store={world.view.store} />
        {world.id === 'b' && <ErrorToast />}
      </section>
    </SimulationStoreContext.Provider>
  );
}
