// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { useDebounced } from './useDebounced.js';

afterEach(() => vi.useRealTimers());

describe('useDebounced', () => {
  it('settles on a body re-rendered as new objects with the same content', () => {
    vi.useFakeTimers();
    const { result, rerender } = renderHook(({ body }) => useDebounced(body, 250), { initialProps: { body: { quantity: 1 } } });
    rerender({ body: { quantity: 2 } });
    // The page keeps re-rendering (live feed) with equal but new objects: the wait is not restarted.
    for (let k = 0; k < 5; ++k) {
      act(() => vi.advanceTimersByTime(100));
      rerender({ body: { quantity: 2 } });
    }
    expect(result.current).toEqual({ quantity: 2 });
  });

  it('waits while the content keeps changing, and returns the same object while it does not', () => {
    vi.useFakeTimers();
    const { result, rerender } = renderHook(({ body }) => useDebounced(body, 250), { initialProps: { body: null } });
    expect(result.current).toBe(null);
    rerender({ body: { quantity: 1 } });
    act(() => vi.advanceTimersByTime(200));
    rerender({ body: { quantity: 12 } });
    act(() => vi.advanceTimersByTime(200));
    expect(result.current).toBe(null);
    act(() => vi.advanceTimersByTime(60));
    const first = result.current;
    expect(first).toEqual({ quantity: 12 });
    rerender({ body: { quantity: 12 } });
    expect(result.current).toBe(first);
  });
});
