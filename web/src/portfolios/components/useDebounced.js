// A value that follows `value` once it has stopped changing for `ms` (typing in a form must not send
// a preview request per keystroke).
//
// `value` is JSON (a request body): it is compared by content, not identity. A form builds a new body
// object on every render, and the page re-renders on every live-feed message; compared by identity,
// each render restarted the wait, so a busy page showed a stale preview until it fell quiet.
import { useEffect, useMemo, useState } from 'react';

export function useDebounced(value, ms = 250) {
  const text = JSON.stringify(value ?? null);
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return useMemo(() => JSON.parse(settled), [settled]);
}
