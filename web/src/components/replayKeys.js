// The timeline's keys (components/Scrubber.jsx, TimelineBar): ← / → a frame, Home the first kept step,
// End live — wherever focus is on the page, except where the focused control needs the key itself:
//  - a text field (a text-like <input>, a <textarea>, an editable element) keeps every key (the caret);
//  - the timeline's own slider and radio buttons keep them (their arrows already move the step / choice);
//  - a <select> (the replay speed, the comparison's speed…) keeps ↑ ↓ Home End, with which it chooses an
//    option, and gives ← → to the timeline: after choosing a speed, the arrows still step the replay.
// Buttons, checkboxes and links need none of these keys.
import { useEffect } from 'react';

// <input> types that take no typed text (every other type, and a missing one, is a text field).
const NOT_TEXT = new Set(['button', 'submit', 'reset', 'checkbox', 'color', 'file', 'image', 'hidden']);
const OWN_ARROWS = new Set(['range', 'radio']);
const SELECT_KEYS = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End']);

/** Whether `key` goes to the timeline when `target` (the keydown's target element) has focus. */
export function timelineTakesKey(target, key) {
  if (!target || typeof target.tagName !== 'string') return true;
  if (target.isContentEditable) return false;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return false;
  if (tag === 'SELECT') return !SELECT_KEYS.has(key);
  if (tag === 'INPUT') {
    const type = String(target.type || 'text').toLowerCase();
    return NOT_TEXT.has(type) && !OWN_ARROWS.has(type);
  }
  return true;
}

/**
 * Listens on the window for the timeline's keys while mounted; `movesRef.current` as TimelineBar's moves
 * ({by(±1), first(), live()}), read when a key is pressed; `pause()` stops the replay clock first.
 */
export function useReplayKeys(movesRef, pause) {
  useEffect(() => {
    const onKey = (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || !timelineTakesKey(e.target, e.key)) return;
      const moves = movesRef.current;
      const keyMoves = {
        ArrowLeft: () => moves.by(-1),
        ArrowRight: () => moves.by(+1),
        Home: () => moves.first(),
        End: () => moves.live(),
      };
      const move = keyMoves[e.key];
      if (!move) return;
      e.preventDefault();  // on a <select>, ← → step the timeline instead of changing its option
      pause();
      move();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [movesRef, pause]);
}
