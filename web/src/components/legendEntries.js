// How to read the graph, as data: the rows of the legend over the graph (Legend.jsx) and of a recorded
// clip's legend band (export/frameOverlays.js), so that both explain the same colours in the same words.
// A row is a swatch and its words, or a group of coloured marks each with a word.
import { MARK_COLOURS } from '../animation/consequenceEffects.js';

/** The capital colours from strong to thin (visualEncoding.js's stops, green → red). */
export const CAPITAL_GRADIENT = ['#16a34a', '#84cc16', '#eab308', '#ea580c', '#dc2626'];
/** The animation overlay's colours for each kind of action (animation/effects.js). */
export const EFFECT_COLOURS = { lend: '#6ee7b7', hoard: '#fbbf24', sale: '#fb923c', default: '#ef4444' };

/**
 * @typedef {{key: string, swatch?: 'gradient'|'glow'|'failed'|'sizes'|'arrow', text?: string,
 *   marks?: {symbol: string, colour: string, text: string}[]}} LegendRow
 */
/** @type {LegendRow[]} */
export const LEGEND_ROWS = [
  { key: 'capital', swatch: 'gradient', text: 'capital: strong → thin' },
  { key: 'stress', swatch: 'glow', text: 'glow: stress' },
  { key: 'failed', swatch: 'failed', text: 'failed bank' },
  { key: 'tiers', swatch: 'sizes', text: 'core · tier 2 · tier 3' },
  { key: 'loans', swatch: 'arrow', text: 'loan, lender → borrower; thicker = larger' },
  { key: 'actions', marks: [
    { symbol: '●', colour: EFFECT_COLOURS.lend, text: 'lend' },
    { symbol: '◎', colour: EFFECT_COLOURS.hoard, text: 'hoard' },
    { symbol: '◌', colour: EFFECT_COLOURS.sale, text: 'fire sale' },
    { symbol: '✕', colour: EFFECT_COLOURS.default, text: 'default' },
  ] },
  { key: 'marks', marks: [
    { symbol: '━', colour: MARK_COLOURS.recall, text: 'loan recalled' },
    { symbol: '◌', colour: MARK_COLOURS.borrowerHit, text: 'its borrower' },
  ] },
  { key: 'losses', marks: [
    { symbol: '◌', colour: MARK_COLOURS.loss, text: 'creditor lost' },
    { symbol: '○', colour: MARK_COLOURS.priceReach, text: 'price reached' },
  ] },
  { key: 'calls', marks: [
    { symbol: '━', colour: MARK_COLOURS.call, text: 'loan called by a failed lender' },
    { symbol: '◌', colour: MARK_COLOURS.call, text: 'its borrower' },
  ] },
  { key: 'deposits', marks: [
    { symbol: '✳', colour: MARK_COLOURS.run, text: 'depositors ran' },
    { symbol: '✳', colour: MARK_COLOURS.shock, text: 'shock withdrew deposits' },
  ] },
];
