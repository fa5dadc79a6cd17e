// A Transport connects the store to a simulation. Two implementations share this shape:
//   WorkerTransport     the engine in a Web Worker (default; the static site needs no server)
//   WebSocketTransport  a native finsim-server: WebSocket /ws/simulation for the stream, REST
//                       POST /control/<name> for controls, GET /control/status for the status
// Shape:
//   kind                     'worker' | 'server'
//   start(onText)            begins delivering message texts (contract messages and the transport's
//                            own STATUS / ERROR / READY / CONNECTION messages) to onText
//   send(command)            {control:'play'} | {control:'reset', config:{…}} | {control:'speed',
//                            steps_per_second} | {control:'force_default', bank} | {control:
//                            'force_action', bank, action} | {control:'rewind', step} | {control:
//                            'policy', policy} | … ; answers arrive as STATUS or ERROR
//                            messages through onText
//   ask(question)            a question about the run, {ask:'why', bank} (Session::why, docs/why.md):
//                            a Promise of the engine's reply, its answer or {error:{code,message}};
//                            never rejects, and adds nothing to the message stream
//   stop()                   releases the worker / socket; no message is delivered afterwards
/** The engine's controls (Session::control_names()), for help texts and checks; the engine validates each. */
export const CONTROL_NAMES = Object.freeze(['play', 'pause', 'step', 'reset', 'rewind', 'speed', 'force_default', 'inject_liquidity',
  'price_shock', 'force_action', 'policy']);

/** An own (non-contract) message as text, in the contract's envelope. */
export function ownText(type, payload) {
  return JSON.stringify({ type, payload });
}

/** The REST body of a command: reset → its config; others → every field but `control`. */
export function commandBody(command) {
  if (command.control === 'reset') return command.config ?? {};
  const { control: _name, ...body } = command;
  return body;
}

/** A reply that is an error ({error:{code,message}}), for questions the transport cannot put. */
export function errorReply(code, message) {
  return { error: { code, message } };
}
