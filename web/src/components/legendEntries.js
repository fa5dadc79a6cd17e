// How to read the graph, as data: the rows of the legend over the graph (Legend.jsx) and of a recorded
// clip's legend band (export/frameOverlays.js), so that both explain the same colours in the same words.
// A row is a swatch and its words, or a group of marks, each its glyph (the graph's own drawing of it,
// legendGlyphs.js) and a word.

/** The capital colours from strong to thin (visualEncoding.js's stops, green → red). */
export const CAPITAL_GRADIENT = ['#16a34a', '#84cc16', '#eab308', '#ea580c', '#dc2626'];
/**
 * @typedef {{key: string, swatch?: 'gradient'|'glow'|'failed'|'sizes'|'arrow', text?: string,
 *   marks?: {glyph: string, text: string}[]}} LegendRow
 */
/** @type {LegendRow[]} */
export const LEGEND_ROWS = [
  { key: 'capital', swatch: 'gradient', text: 'capital: strong → thin' },
  { key: 'stress', swatch: 'glow', text: 'glow: stress' },
  { key: 'failed', swatch: 'failed', text: 'failed bank' },
  { key: 'tiers', swatch: 'sizes', text: 'core · tier 2 · tier 3' },
  { key: 'loans', swatch: 'arrow', text: 'loan, lender → borrower; thicker = larger' },
  { key: 'actions', marks: [
    { glyph: 'lend', text: 'lend' },
    { glyph: 'hoard', text: 'hoard' },
    { glyph: 'sale', text: 'fire sale' },
    { glyph: 'forcedSale', text: 'forced sale' },
    { glyph: 'default', text: 'default' },
  ] },
  { key: 'marks', marks: [
    { glyph: 'recall', text: 'loan recalled' },
    { glyph: 'recallHit', text: 'borrower paid back' },
  ] },
  { key: 'losses', marks: [
    { glyph: 'loss', text: 'creditor lost' },
    { glyph: 'priceReach', text: 'price reached' },
  ] },
  { key: 'calls', marks: [
    { glyph: 'call', text: 'loan called by a failed lender' },
    { glyph: 'callHit', text: 'borrower called' },
  ] },
  { key: 'deposits', marks: [
    { glyph: 'run', text: 'depositors ran' },
    { glyph: 'shock', text: 'shock withdrew deposits' },
  ] },
];
