// "Make this bank hoard next step": the engine's force_action control for the selected bank. The bank
// takes the chosen action at the next step whatever its policy chooses (the engine makes it hold if
// the action is not feasible then); the step after, its policy decides again.
import { useState } from 'react';
import { sendCommand } from '../session/connect.js';

/** The actions a bank can be made to take, as the engine names them, in plain words. */
export const FORCED_ACTIONS = Object.freeze([
  Object.freeze({ action: 'HOLD', label: 'Hold (do nothing)', verb: 'hold' }),
  Object.freeze({ action: 'LEND', label: 'Lend spare cash to banks', verb: 'lend' }),
  Object.freeze({ action: 'HOARD', label: 'Hoard cash (recall loans)', verb: 'hoard' }),
  Object.freeze({ action: 'FIRE_SALE', label: 'Sell securities (fire sale)', verb: 'fire-sell' }),
]);

/** The control that makes bank `bank` take `action` ('HOLD' | 'LEND' | 'HOARD' | 'FIRE_SALE') at the next step. */
export function forceActionCommand(bank, action) {
  return { control: 'force_action', bank, action };
}

export function ForceAction({ bank, disabled }) {
  const [action, setAction] = useState('HOARD');
  const chosen = FORCED_ACTIONS.find((a) => a.action === action);
  return (
    <span className="force-action">
      <select aria-label="Action to force" data-testid="force-action-choice" value={action} disabled={disabled}
        onChange={(e) => setAction(e.target.value)}>
        {FORCED_ACTIONS.map((a) => <option key={a.action} value={a.action}>{a.label}</option>)}
      </select>
      <button type="button" data-testid="force-action" disabled={disabled}
        title="Replaces the bank's own choice for one step; it holds instead if the action is impossible then"
        onClick={() => sendCommand(forceActionCommand(bank, action))}>
        Make this bank {chosen.verb} next step
      </button>
    </span>
  );
}
