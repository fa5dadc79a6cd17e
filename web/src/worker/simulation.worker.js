// The Web Worker entry: loads the engine (wasm/dist/finsim.mjs, an ES6 Emscripten module) and hands
// every command from the page to the simulation host (questions {ask: …} to its ask()), or to the
// training host for {train: …} commands (all run on this thread's event loop, in small increments). Posts READY (with the catalogue) once loaded,
// and a fatal ERROR if the module cannot be loaded; commands that arrive earlier are queued.
import createFinsimModule from '../../../wasm/dist/finsim.mjs';
import { createSimulationHost } from './simulationHost.js';
import { createTrainingHost } from './trainingHost.js';
import { ownText } from '../transport/transport.js';

const pending = [];
let host = null;
let trainer = null;

function dispatch(command) {
  if (command && typeof command.train === 'string') trainer.handle(command);
  else if (command && typeof command.ask === 'string') host.ask(command);
  else host.handle(command);
}

self.onmessage = (event) => {
  if (host) dispatch(event.data);
  else pending.push(event.data);
};

function post(text) {
  self.postMessage(text);
}

createFinsimModule({
  onAbort: (reason) => post(ownText('ERROR', { code: 'engine_aborted', message: String(reason), fatal: true })),
})
  .then((module) => {
    host = createSimulationHost({ module, post });
    trainer = createTrainingHost({ module, post });
    post(ownText('READY', { catalogue: host.catalogue(), engine: host.engineInfo() }));
    for (const command of pending.splice(0)) dispatch(command);
  })
  .catch((error) => {
    post(ownText('ERROR', {
      code: 'load_failed',
      message: `The simulation engine (WebAssembly) could not be loaded: ${error?.message ?? error}`,
      fatal: true,
    }));
  });
