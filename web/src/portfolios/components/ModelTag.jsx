// A model's name with its colour dot: the same mark in every table, legend and card.
import { modelColour, modelLabel } from '../modelColours.js';

export function ModelTag({ model }) {
  return (
    <span className="pf-model" data-model={model}>
      <i className="pf-model-dot" style={{ background: modelColour(model) }} aria-hidden="true" />{modelLabel(model)}
    </span>
  );
}
