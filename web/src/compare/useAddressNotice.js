// A sentence about the address that the one-world page files in its store once the engine is up (its
// notices are cleared when the page connects): a `compare=` or `lesson=` it could not honour.
import { useEffect } from 'react';

export function useAddressNotice(store, notice) {
  useEffect(() => {
    if (!notice) return undefined;
    const file = (s) => {
      if (!s.catalogue) return false;
      if (!s.notices.includes(notice)) s.addNotices([notice]);
      return true;
    };
    if (file(store.getState())) return undefined;
    const stop = store.subscribe((s) => { if (file(s)) stop(); });
    return stop;
  }, [store, notice]);
}
