// A value that follows `value` once it has stopped changing for `ms` (typing in a form must not send
// a preview request per keystroke).
import { useEffect, useState } from 'react';

export function useDebounced(value, ms = 250) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
