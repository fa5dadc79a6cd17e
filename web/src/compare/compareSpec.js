// A comparison in the address: world A is the page's run (scenario, seed, policy, banks, parameters, as
// the address names them: url/urlState.js), world B is that run with ONE difference, `?compare=`:
//
//   compare=policy:heuristic+no_hoard          world B runs another policy (modifiers included)
//   compare=param:lender_of_last_resort=1      world B resets with one simulation parameter changed
//   compare=force_default:3@10                 world B: bank 3 is forced to default in step 10
//   compare=force_action:3:HOARD@20            world B: bank 3 takes HOARD in step 20
//   compare=inject_liquidity:3:50@10           world B: 50 of cash injected into bank 3 in step 10
//   compare=price_shock:0.12@10                world B: a 12 % price shock in step 10
//   compare=policy:all_lend@20                 world B: every bank switches to all_lend in step 20
//                                              (a branch of the run at step 19: history/branch.js)
//
// "@S" is the step the intervention acts in: the page sends the control to world B when both worlds stand
// at step S − 1, just before it steps them (the engine applies interventions at the next step). Pure:
// parsing, formatting, and the two worlds' reset bodies; compare/compareSession.js acts on them.
import { formatPolicyName, parsePolicyName, policyWords, POLICY_MODIFIERS } from '../policy/policyName.js';
import { humanName } from '../format.js';
import { scenarioParameter } from '../session/runParameter.js';

const PARAMETER = /^[a-z][a-z0-9_]{0,63}$/;
const ACTIONS = ['HOLD', 'LEND', 'HOARD', 'FIRE_SALE'];
const INTERVENTIONS = ['force_default', 'force_action', 'inject_liquidity', 'price_shock'];
/** The latest step an address may name: for an intervention, and for `from=` (compareAddress.js). */
export const MAX_STEP = 100000;

/** `text` as a whole number from `min` to `max`, or undefined (digits only: no sign, point or exponent). */
export function wholeNumber(text, min = 0, max = Number.MAX_SAFE_INTEGER) {
  if (!/^\d+$/.test(text ?? '')) return undefined;
  const v = Number(text);
  return v >= min && v <= max ? v : undefined;
}

function finiteNumber(text) {
  if (!/^-?\d+(\.\d+)?$/.test(text ?? '')) return undefined;
  return Number(text);
}

function parseIntervention(control, rest) {
  const at = rest.lastIndexOf('@');
  if (at < 0) return null;
  const step = wholeNumber(rest.slice(at + 1), 1, MAX_STEP);
  const args = rest.slice(0, at).split(':');
  if (step === undefined) return null;
  const bank = wholeNumber(args[0]);
  switch (control) {
    case 'force_default':
      return args.length === 1 && bank !== undefined ? { kind: 'intervention', control, bank, step } : null;
    case 'force_action':
      return args.length === 2 && bank !== undefined && ACTIONS.includes(args[1])
        ? { kind: 'intervention', control, bank, action: args[1], step } : null;
    case 'inject_liquidity': {
      const amount = finiteNumber(args[1]);
      return args.length === 2 && bank !== undefined && amount > 0 ? { kind: 'intervention', control, bank, amount, step } : null;
    }
    case 'price_shock': {
      const share = finiteNumber(args[0]);
      return args.length === 1 && share > 0 && share < 1 ? { kind: 'intervention', control, share, step } : null;
    }
    default:
      return null;
  }
}

/**
 * The difference named by a `compare` value, or null when it is malformed (never guessed). A policy's
 * '+' typed by hand decodes to a space in a query string: it is read back as '+'.
 */
export function parseDifference(text) {
  if (typeof text !== 'string') return null;
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (kind === 'policy' && rest.includes('@')) {
    const at = rest.lastIndexOf('@');
    const parsed = parsePolicyName(rest.slice(0, at).replace(/ /g, '+'));
    const step = wholeNumber(rest.slice(at + 1), 1, MAX_STEP);
    return parsed && step !== undefined
      ? { kind: 'intervention', control: 'policy', policy: formatPolicyName(parsed.base, parsed.modifiers), step } : null;
  }
  if (kind === 'policy') {
    const parsed = parsePolicyName(rest.replace(/ /g, '+'));
    return parsed ? { kind: 'policy', policy: formatPolicyName(parsed.base, parsed.modifiers) } : null;
  }
  if (kind === 'param') {
    const [name, value, ...extra] = rest.split('=');
    const number = finiteNumber(value);
    return !extra.length && PARAMETER.test(name ?? '') && number !== undefined ? { kind: 'param', name, value: number } : null;
  }
  if (INTERVENTIONS.includes(kind)) return parseIntervention(kind, rest);
  return null;
}

/** The `compare` value of a difference: parseDifference(formatDifference(d)) equals d. */
export function formatDifference(d) {
  switch (d.kind) {
    case 'policy': return `policy:${d.policy}`;
    case 'param': return `param:${d.name}=${d.value}`;
    case 'intervention':
      switch (d.control) {
        case 'force_default': return `force_default:${d.bank}@${d.step}`;
        case 'force_action': return `force_action:${d.bank}:${d.action}@${d.step}`;
        case 'inject_liquidity': return `inject_liquidity:${d.bank}:${d.amount}@${d.step}`;
        case 'price_shock': return `price_shock:${d.share}@${d.step}`;
        case 'policy': return `policy:${d.policy}@${d.step}`;
        default: throw new Error(`unknown intervention ${d.control}`);
      }
    default: throw new Error(`unknown difference ${d.kind}`);
  }
}

/**
 * The comparison the address asks for: {difference} when `compare` is given and well formed,
 * {rejected: text} when it is given and malformed, {} when it is absent.
 */
export function parseCompareParam(search) {
  const text = new URLSearchParams(search).get('compare');
  if (text === null) return {};
  const difference = parseDifference(text);
  return difference ? { difference } : { rejected: text };
}

/** The address search string with `difference` as its comparison (null removes it); other parameters kept. */
export function compareSearch(search, difference) {
  const q = new URLSearchParams(search);
  if (difference) q.set('compare', formatDifference(difference));
  else q.delete('compare');
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The control that carries an intervention difference to world B. */
export function interventionCommand(d) {
  const { kind: _k, step: _s, ...body } = d;
  return body;
}

/**
 * The two worlds' reset bodies from world A's (`config`, the address's run: session/addressRun.js) and
 * the difference, and the interventions world B receives ([{step, command}], sent before that step).
 */
export function worldConfigs(config, d) {
  const a = { ...config };
  if (d.kind === 'policy') return { a, b: { ...config, policy: d.policy }, interventions: [] };
  if (d.kind === 'param') return { a, b: { ...config, [d.name]: d.value }, interventions: [] };
  return { a, b: { ...config }, interventions: [{ step: d.step, command: interventionCommand(d) }] };
}

const INTERVENTION_WORDS = {
  force_default: (d) => `Bank ${d.bank} forced to default at step ${d.step}`,
  force_action: (d) => `Bank ${d.bank} made to ${d.action === 'FIRE_SALE' ? 'sell assets' : d.action.toLowerCase()} at step ${d.step}`,
  inject_liquidity: (d) => `${d.amount} of cash injected into Bank ${d.bank} at step ${d.step}`,
  price_shock: (d) => `a ${Math.round(d.share * 1000) / 10} % price shock at step ${d.step}`,
  policy: (d) => `every bank switched to ${policyWords(d.policy)} at step ${d.step}`,
};

/**
 * The two worlds' labels for the difference: {a, b}. `valueA` is what world A runs for the compared
 * setting (its status's policy, or its parameter's value), as the engine reports it; undefined while
 * unknown. Words only: the values are the engine's.
 */
export function worldLabels(d, valueA) {
  if (d.kind === 'policy') return { a: valueA === undefined ? 'World A' : policyWords(valueA), b: policyWords(d.policy) };
  if (d.kind === 'param') {
    const words = humanName(d.name);
    return { a: valueA === undefined ? `${words} as the scenario sets it` : `${words} = ${valueA}`, b: `${words} = ${d.value}` };
  }
  const b = INTERVENTION_WORDS[d.control](d);
  return { a: d.control === 'policy' ? 'No switch' : 'No intervention', b: b.charAt(0).toUpperCase() + b.slice(1) };
}

/**
 * The setting of world A that the difference changes (for worldLabels): its status's policy, or the
 * parameter as its status reports it, else as the catalogue says the scenario sets it; else undefined.
 */
export function comparedValue(d, status, catalogue = null) {
  if (!status) return undefined;
  if (d.kind === 'policy') return status.policy;
  if (d.kind === 'param') return status[d.name] ?? scenarioParameter(catalogue, status.scenario, d.name);
  return undefined;
}
