// A refused control (bad value, unknown bank, …): the engine's message, shown briefly.
import { useEffect, useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';

export function ErrorToast() {
  const error = useSimulation((s) => s.lastError);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!error) return undefined;
    setVisible(true);
    const t = setTimeout(() => setVisible(false), 5000);
    return () => clearTimeout(t);
  }, [error]);
  if (!error || !visible) return null;
  return (
    <div className="toast" role="status" data-testid="error-toast">
      <b>{error.control ? `${error.control}: ` : ''}</b>{error.message}
    </div>
  );
}
