import { describe, expect, it } from 'vitest';
import { CONTROL_NAMES, commandBody } from './transport.js';

describe('the transport shape', () => {
  it('knows every engine control, in Session::control_names() order (rewind and policy included)', () => {
    expect(CONTROL_NAMES).toEqual(['play', 'pause', 'step', 'reset', 'rewind', 'speed', 'force_default', 'inject_liquidity',
      'price_shock', 'force_action', 'policy']);
  });

  it('sends a command without its name as the body, and a reset its config', () => {
    expect(commandBody({ control: 'force_action', bank: 3, action: 'HOARD' })).toEqual({ bank: 3, action: 'HOARD' });
    expect(commandBody({ control: 'reset', config: { policy: 'heuristic+no_hoard', lender_of_last_resort: 1 } }))
      .toEqual({ policy: 'heuristic+no_hoard', lender_of_last_resort: 1 });
    expect(commandBody({ control: 'play' })).toEqual({});
  });
});
