// The current hash route (hashRoute.js) as React state, following back/forward and links.
import { useEffect, useState } from 'react';
import { parseHashRoute } from './hashRoute.js';

export function useHashRoute() {
  const [route, setRoute] = useState(() => parseHashRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHashRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
