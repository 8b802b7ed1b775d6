import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The address bar's parameters now. React Router shows a navigation in the address bar at once but
 * renders it as a transition, later on a busy machine: a change made in between still runs the last
 * render's handlers, whose `searchParams` (and setSearchParams' `prev`) are the old ones, so building
 * on those drops the first of two quick changes (a cycle picked, then a tab: the cycle was lost).
 */
export const liveParams = () => new URLSearchParams(window.location.search);

/** Changes the URL's parameters starting from the address bar's, replacing the history entry. */
export function useUpdateParams() {
  const [, setParams] = useSearchParams();
  return useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = liveParams();
      change(next);
      setParams(next, { replace: true });
    },
    [setParams],
  );
}
