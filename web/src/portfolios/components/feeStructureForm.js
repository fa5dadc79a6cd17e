// The fee-structure form's text → the server's fee schedule (docs/portfolio.md, "Fees"). Pure: the form
// holds text as typed; rates are typed in percent and sent as fractions; the server validates
// everything else and its refusal is shown as it is.

/** The component types the engine knows, with their fields as the form shows them. */
export const COMPONENT_TYPES = {
  flat: { label: 'Flat per order', fields: [['amount', 'Amount']] },
  percent: { label: 'Percent of value', fields: [['rate', 'Rate (%)']] },
  per_share: { label: 'Per share', fields: [['per_share', 'Per share'], ['minimum', 'Minimum'], ['maximum', 'Maximum'], ['maximum_rate', 'Cap (% of value)']] },
  tiered: { label: 'Tiered by value', fields: [] },
};

/** Fields typed in percent, sent as fractions. */
const PERCENT = new Set(['rate', 'maximum_rate']);

export const emptyTier = () => ({ up_to: '', rate: '', flat: '' });
export const emptyComponent = (type = 'percent') => ({ type, applies_to: 'both', label: '', amount: '', rate: '',
  per_share: '', minimum: '', maximum: '', maximum_rate: '', marginal: false, tiers: [emptyTier()] });
export const EMPTY_FEE_STRUCTURE = { name: '', description: '', components: [emptyComponent()] };

const number = (text) => (text === '' || text === undefined ? undefined : Number(text));
const fromPercent = (key, v) => (v !== undefined && PERCENT.has(key) ? v / 100 : v);

/** The POST /api/fee-structures body. Blank optional fields are left out; a blank tier bound is "no limit". */
export function feeStructureBody(form) {
  const components = form.components.map((c) => {
    const out = { type: c.type, applies_to: c.applies_to };
    if (c.label.trim()) out.label = c.label.trim();
    if (c.type === 'tiered') {
      out.marginal = !!c.marginal;
      out.tiers = c.tiers.map((t) => ({ up_to: t.up_to === '' ? null : Number(t.up_to), rate: number(t.rate) === undefined ? 0 : Number(t.rate) / 100,
        flat: number(t.flat) ?? 0 }));
    } else {
      for (const [key] of COMPONENT_TYPES[c.type].fields) {
        const v = fromPercent(key, number(c[key]));
        if (v !== undefined) out[key] = v;
      }
    }
    return out;
  });
  const body = { name: form.name.trim(), components };
  if (form.description.trim()) body.description = form.description.trim();
  return body;
}

/** What keeps the form from being sent, in words, or null: no name, or a number typed that is not one ≥ 0. */
export function feeStructureProblem(form) {
  if (!form.name.trim()) return 'Give the fee structure a name.';
  for (const [i, c] of form.components.entries()) {
    const values = c.type === 'tiered' ? c.tiers.flatMap((t) => [t.up_to, t.rate, t.flat]) : COMPONENT_TYPES[c.type].fields.map(([key]) => c[key]);
    const bad = values.find((v) => v !== '' && v !== undefined && !(Number.isFinite(Number(v)) && Number(v) >= 0));
    if (bad !== undefined) return `Component ${i + 1}: ${bad} is not a number of 0 or more.`;
  }
  return null;
}
