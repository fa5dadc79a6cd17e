// A tiny publish/subscribe channel from the message handler to the overlay animations, so that
// ephemeral effects never pass through React state.
export function createBus() {
  const listeners = new Set();
  return {
    emit(items) { for (const l of listeners) l(items); },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const animationBus = createBus();
