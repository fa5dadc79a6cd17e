// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ ask: vi.fn() }));
const { ask } = await import('../session/connect.js');
const { FirstFailure } = await import('./FirstFailure.jsx');
const { simulationStore } = await import('../store/simulationStore.js');

const def = (from, timestamp, cause) => ({ event_type: 'DEFAULT', from, timestamp, cause, event_id: `evt-${timestamp}-${from}` });
const SENTENCES = ['Bank 4 failed at step 12, illiquid: it could not pay what fell due.',
  'Had Bank 0 not failed at step 10, it would have survived to step 20.'];

afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
  ask.mockReset();
});

function runWith(milestones, timestep = 20) {
  simulationStore.setState({ milestones, state: { timestep, nodes: [], edges: [] } });
}

describe('how the failures began', () => {
  it('asks the engine once why the first unforced failure happened and shows its sentences', async () => {
    ask.mockResolvedValue({ bank: 4, sentences: SENTENCES });
    runWith([def(0, 10, 'forced'), def(4, 12, 'illiquid')]);
    await act(async () => { render(<FirstFailure />); });
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith({ ask: 'why', bank: 4 });
    expect(screen.getByTestId('first-failure-text').textContent).toBe(SENTENCES.join(' '));
    await act(async () => { simulationStore.setState({ milestones: [def(9, 15, 'insolvent'), def(0, 10, 'forced'), def(4, 12, 'illiquid')] }); });
    expect(ask).toHaveBeenCalledTimes(1);  // a later failure asks nothing more
  });

  it('says nothing while every failure was forced, and says the engine\'s refusal plainly', async () => {
    ask.mockResolvedValue({ error: { code: 'analysis_too_large', message: 'too large' } });
    runWith([def(0, 10, 'forced')]);
    await act(async () => { render(<FirstFailure />); });
    expect(ask).not.toHaveBeenCalled();
    expect(screen.queryByTestId('first-failure')).toBeNull();
    await act(async () => { simulationStore.setState({ milestones: [def(0, 10, 'forced'), def(5, 11, 'insolvent')] }); });
    expect(screen.getByTestId('first-failure-error').textContent).toMatch(/could not say why Bank 5 failed: too large/);
  });
});
