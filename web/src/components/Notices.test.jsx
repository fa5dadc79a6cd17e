// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Notices } from './Notices.jsx';
import { simulationStore } from '../store/simulationStore.js';

afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

describe('the notices', () => {
  it('show every sentence the page filed until they are dismissed, and nothing without one', () => {
    const { container } = render(<Notices />);
    expect(container.textContent).toBe('');
    act(() => {
      simulationStore.getState().addNotices(['The address asks for policy “x”.', '“seed=-1” in the address is not a valid seed.']);
      simulationStore.getState().addNotices([]);
    });
    expect(screen.getByTestId('notices').textContent).toBe('The address asks for policy “x”.“seed=-1” in the address is not a valid seed.Dismiss');
    fireEvent.click(screen.getByTestId('dismiss-notices'));
    expect(screen.queryByTestId('notices')).toBe(null);
  });
});
