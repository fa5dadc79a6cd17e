// One colour per model everywhere in the portfolio views (the brief: blue Linear, purple CNN, orange
// XGBoost, green LLM). Other models — momentum, "manual", outside models — get a stable colour of
// their own from the rest of the palette, chosen by their name so it never changes between views.
export const MODEL_COLOURS = { linear: '#3b82f6', cnn: '#a855f7', xgboost: '#f97316', llm: '#22c55e' };
const OTHERS = ['#eab308', '#14b8a6', '#ec4899', '#94a3b8', '#f43f5e', '#84cc16'];

export const MODEL_LABELS = { linear: 'Linear', cnn: 'CNN', xgboost: 'XGBoost', llm: 'LLM', momentum: 'Momentum', manual: 'Manual' };

export function modelColour(name) {
  const key = String(name ?? '').toLowerCase();
  if (MODEL_COLOURS[key]) return MODEL_COLOURS[key];
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return OTHERS[h % OTHERS.length];
}

export function modelLabel(name) {
  return MODEL_LABELS[String(name ?? '').toLowerCase()] ?? String(name ?? '—');
}
