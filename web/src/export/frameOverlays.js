// Draws a clip frame's bands onto a 2D canvas context: a pane's headline (the facts headlineFacts.js gives
// the page's headline) and caption, and the legend (legendEntries.js's rows, with their swatches and the
// marks' glyphs), where frameComposition.js places them. Drawn from the store's data, never from the
// page's HTML, so what a frame says is what the headline and legend say, whatever the page's boxes look
// like at the time.
import { CAPITAL_GRADIENT } from '../components/legendEntries.js';
import { drawGlyph, glyphWidth } from '../components/legendGlyphs.js';
import { GLYPH_EMS, LABEL_SHARE, factSpans, headlineLayout } from './frameComposition.js';

const BAND = '#0f1626';
const COLOURS = { value: '#e2e8f0', label: '#8b9ab3', good: '#86efac', bad: '#fca5a5', tag: '#fbbf24', legend: '#cbd5e1' };
const FONT_FAMILY = 'system-ui, sans-serif';
const font = (px, weight = 400) => `${weight} ${px}px ${FONT_FAMILY}`;

/** measure(text, fontPx) for frameComposition.js, from a canvas context (at weight 600, the widest drawn). */
export function canvasMeasure(ctx) {
  return (text, fontPx) => {
    ctx.font = font(fontPx, 600);
    return ctx.measureText(text).width;
  };
}

function band(ctx, { top, height }, { x, width }) {
  ctx.fillStyle = BAND;
  ctx.fillRect(x, top, width, height);
}

/**
 * The headline band above `pane` (one of frame.panes) with `facts` (headlineFacts.js; null before the
 * first snapshot leaves it empty).
 */
export function drawHeadline(ctx, frame, facts, measure = canvasMeasure(ctx), pane = frame.panes[0]) {
  band(ctx, frame.headline, pane);
  if (!facts?.length) return;
  const layout = headlineLayout(facts, frame, measure, pane);
  ctx.textBaseline = 'middle';
  for (const { fact, x, y } of layout.facts) {
    let at = x;
    for (const span of factSpans(fact)) {
      const small = span.style === 'label' || span.style === 'tag';
      const px = small ? layout.fontSize * LABEL_SHARE : layout.fontSize;
      ctx.font = font(px, span.style === 'label' ? 400 : fact.key === 'step' || span.style === 'bad' || span.style === 'tag' ? 700 : 600);
      ctx.fillStyle = COLOURS[span.style] ?? COLOURS.value;
      const room = pane.x + pane.width - frame.headline.padding - at;  // a last line that runs long is squeezed, not cut
      if (room <= 0) break;
      ctx.fillText(span.text, at, y, room);
      at += Math.min(room, measure(span.text, px));
    }
  }
}

function dot(ctx, x, y, r, fill) {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
}

/** Draws a legend swatch (app.css's, by name) whose left edge is at x, centred on y, for a font of `px`; returns its width. */
function drawSwatch(ctx, swatch, x, y, px) {
  const r = px * 0.45;
  if (swatch === 'gradient') {
    const w = 4.5 * px;
    const gradient = ctx.createLinearGradient(x, 0, x + w, 0);
    CAPITAL_GRADIENT.forEach((c, i) => gradient.addColorStop(i / (CAPITAL_GRADIENT.length - 1), c));
    ctx.fillStyle = gradient;
    ctx.fillRect(x, y - 0.38 * px, w, 0.76 * px);
    return w;
  }
  if (swatch === 'glow') {
    dot(ctx, x + 0.5 * px, y, r + 0.3 * px, 'rgba(239, 68, 68, 0.45)');
    dot(ctx, x + 0.5 * px, y, r, '#eab308');
    return px;
  }
  if (swatch === 'failed') {
    dot(ctx, x + 0.5 * px, y, r, '#4b5563');
    ctx.setLineDash([2, 2]);
    ctx.strokeStyle = '#9ca3af';
    ctx.stroke();
    ctx.setLineDash([]);
    return px;
  }
  if (swatch === 'sizes') {
    dot(ctx, x + 0.6 * px, y, 0.6 * px, '#64748b');
    dot(ctx, x + 1.6 * px, y, 0.4 * px, '#64748b');
    dot(ctx, x + 2.3 * px, y, 0.26 * px, '#64748b');
    return 2.6 * px;
  }
  ctx.font = font(px, 700);
  ctx.fillStyle = '#94a3b8';
  ctx.fillText('→', x, y);
  return px;
}

/** The legend band: every row of the page's legend, open, whatever the page's legend is doing. */
export function drawLegend(ctx, frame) {
  const { legend } = frame;
  if (!legend.height) return;
  band(ctx, legend, { x: 0, width: frame.width });
  const px = legend.fontSize;
  ctx.textBaseline = 'middle';
  for (const { item, x, y } of legend.items) {
    let at = x;
    if (item.swatch) {
      at += drawSwatch(ctx, item.swatch, x, y, px);
    } else {
      drawGlyph(ctx, item.glyph, { x, y, height: GLYPH_EMS * px });
      at += glyphWidth(GLYPH_EMS * px);
    }
    ctx.font = font(px, 400);
    ctx.fillStyle = COLOURS.legend;
    ctx.fillText(item.text, at + 0.4 * px, y);
  }
}

/** The caption band under `pane` with `text` (frameComposition.js's captionText). */
export function drawCaption(ctx, frame, text, pane = frame.panes[0]) {
  const { top, height, fontSize, padding } = frame.caption;
  band(ctx, frame.caption, pane);
  ctx.fillStyle = '#e5e7eb';
  ctx.font = font(fontSize, 600);
  ctx.textBaseline = 'middle';
  ctx.fillText(text, pane.x + padding, top + height / 2, pane.width - 2 * padding);
}
