// System-wide intervention: a price shock. (Bank interventions live in the bank inspector.)
import { useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';

export function PriceShock() {
  const status = useSimulation((s) => s.status);
  const [share, setShare] = useState(0.1);
  return (
    <div className="price-shock">
      <button type="button" className="danger" data-testid="price-shock" disabled={!status}
        onClick={() => sendCommand({ control: 'price_shock', share })}
        title="The asset price falls by this share at the next step">⚡ Price shock</button>
      <select aria-label="Price shock size" value={share} onChange={(e) => setShare(Number(e.target.value))}>
        {[0.05, 0.1, 0.2, 0.3].map((v) => <option key={v} value={v}>−{Math.round(v * 100)} %</option>)}
      </select>
    </div>
  );
}
