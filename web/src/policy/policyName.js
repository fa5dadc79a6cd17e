// A policy name as the engine spells it: a base policy from the catalogue, optionally followed by
// modifiers that replace one kind of voluntary action with HOLD ("heuristic+no_hoard"; see
// engine/include/finsim/policy_modifiers.hpp). The engine owns what they mean; the page only splits and
// composes names, always in the engine's canonical order (+no_hoard, +no_fire_sale, +no_lend), so the
// name it sends is the name the status reports back.

import { humanName } from '../format.js';

/** The modifiers in canonical order, with the words the page shows for them. */
export const POLICY_MODIFIERS = Object.freeze([
  Object.freeze({ name: 'no_hoard', label: 'No hoarding', hint: 'Banks never choose to hoard; they hold instead.' }),
  Object.freeze({ name: 'no_fire_sale', label: 'No fire sales',
    hint: 'Banks never choose to sell securities; sales forced by payments they must make still happen.' }),
  Object.freeze({ name: 'no_lend', label: 'No lending', hint: 'Banks never choose to lend to other banks.' }),
]);

const ORDER = POLICY_MODIFIERS.map((m) => m.name);
const BASE = /^[a-z0-9_-]{1,64}$/;

/**
 * Splits "base+modifier+…" into {base, modifiers}, the modifiers in canonical order whatever order the
 * text used. Null when the base is malformed, a modifier is unknown or one is repeated (the engine would
 * refuse those names; the page drops them rather than guess).
 */
export function parsePolicyName(text) {
  if (typeof text !== 'string') return null;
  const [base, ...modifiers] = text.split('+');
  if (!BASE.test(base)) return null;
  if (modifiers.some((m) => !ORDER.includes(m)) || new Set(modifiers).size !== modifiers.length) return null;
  return { base, modifiers: ORDER.filter((m) => modifiers.includes(m)) };
}

/** A policy name in words: "heuristic+no_hoard" → "Heuristic, no hoarding". */
export function policyWords(name) {
  const parsed = parsePolicyName(name);
  if (!parsed) return humanName(name);
  const labels = parsed.modifiers.map((m) => POLICY_MODIFIERS.find((x) => x.name === m).label.toLowerCase());
  return [humanName(parsed.base), ...labels].join(', ');
}

/** The canonical name: formatPolicyName('heuristic', ['no_lend', 'no_hoard']) → 'heuristic+no_hoard+no_lend'. */
export function formatPolicyName(base, modifiers = []) {
  return [base, ...ORDER.filter((m) => modifiers.includes(m))].join('+');
}

/** The canonical name of `name` with `modifier` switched on or off; null when `name` does not parse. */
export function withModifier(name, modifier, on) {
  const parsed = parsePolicyName(name);
  if (!parsed) return null;
  const others = parsed.modifiers.filter((m) => m !== modifier);
  return formatPolicyName(parsed.base, on ? [...others, modifier] : others);
}
