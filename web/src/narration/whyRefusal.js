// What the page says when the engine does not explain a failure (its {error:{code,message}}, docs/why.md
// "Errors"): the engine's own message, led by what kind of refusal it is. A question refused as too large
// (analysis_too_large: the run, or the replays its answer needs, exceed the bound every adapter holds an
// explanation to) must read as a refusal about size, not as a fault. Shared by the narration and the
// inspector's "Why did it fail?".

/** One sentence for the engine's refusal: `${lead}: ${message}`, or the too-large refusal said as such. */
export function refusalText(error, lead) {
  const message = String(error?.message ?? 'no reason given');
  if (error?.code !== 'analysis_too_large') return `${lead}: ${message}`;
  return `Too large to explain: ${message.replace(/\.$/, '')}.`;
}
