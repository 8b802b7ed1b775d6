import type { Session, SessionUser } from '@dg/shared/schemas/auth';
import { isMfaChallenge, LoginResponseSchema, type MfaChallenge } from '@dg/shared/schemas/mfa';
import { RefreshResponseSchema } from '@dg/shared/schemas/session-start';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError, api, expectShape, readResponse, sendJson, setTokenSource } from './api';
import { seedQuestionnaireStart, takeEarlyRefresh } from './early-requests';

interface AuthState {
  user: SessionUser | null;
  ready: boolean;
  /** Resolves to the second-factor challenge when the password alone does not sign in. */
  signIn(email: string, password: string): Promise<MfaChallenge | null>;
  /** Takes a session the second-factor step returned. */
  acceptSession(session: Session): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * The access token lives in memory only; the refresh token is an httpOnly cookie.
 * Refreshing is shared by concurrent callers so one expiry triggers one rotation.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [ready, setReady] = useState(false);
  const token = useRef<string | null>(null);
  const inflight = useRef<Promise<string | null> | null>(null);

  const queryClient = useQueryClient();
  const shownUser = useRef<number | null>(null);
  // A session the server ended (sign-out elsewhere, disabled, role changed, password reset) leaves
  // nothing behind: the signed-out screen must not show the last person's cached data. Cleared on
  // the change of user only, so pages that refetch into a 401 cannot loop through it.
  useEffect(() => {
    const id = user?.id ?? null;
    if (shownUser.current !== null && shownUser.current !== id) queryClient.clear();
    shownUser.current = id;
  }, [user, queryClient]);

  const retryTimer = useRef<number | undefined>(undefined);
  const transientFailures = useRef(0);

  const refresh = useCallback(async (): Promise<string | null> => {
    if (!inflight.current) {
      inflight.current = (async () => {
        window.clearTimeout(retryTimer.current);
        try {
          // The page's first refresh was sent by index.html before the app loaded: read, not repeated.
          const early = takeEarlyRefresh();
          const s = early
            ? expectShape('/api/auth/refresh', RefreshResponseSchema, await readResponse(await early))
            : await sendJson('/api/auth/refresh', RefreshResponseSchema, {});
          token.current = s.accessToken;
          seedQuestionnaireStart(queryClient, s.questionnaire);
          transientFailures.current = 0;
          setUser(s.user);
          return s.accessToken;
        } catch (e) {
          if (e instanceof ApiRequestError && e.status === 401) {
            // Only the server saying the session is gone ends it: a request refused with 401 because
            // the session was revoked lands here too, as the refresh cookie was revoked with it.
            token.current = null;
            transientFailures.current = 0;
            setUser(null);
            return null;
          }
          // Offline, or the server is busy or down: the session may well be fine, so a CIO mid-way
          // through the questionnaire stays signed in and we try again, backing off up to two minutes.
          transientFailures.current += 1;
          const backoff = Math.min(120_000, 5_000 * 2 ** (transientFailures.current - 1));
          const wait = e instanceof ApiRequestError && e.retryAfter ? e.retryAfter * 1000 : backoff;
          retryTimer.current = window.setTimeout(() => void refreshRef.current(), wait);
          return null;
        } finally {
          inflight.current = null;
        }
      })();
    }
    return inflight.current;
  }, [queryClient]);
  const refreshRef = useRef(refresh);

  useEffect(() => {
    setTokenSource({ get: () => token.current, refresh });
    void refresh().finally(() => setReady(true));
    // Back online: do not wait for the backoff timer.
    const online = () => {
      if (transientFailures.current > 0) void refresh();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(retryTimer.current);
    };
  }, [refresh]);

  // Refresh ahead of expiry too, so a long edit on one page never meets a 401.
  useEffect(() => {
    if (!user) return;
    const id = window.setInterval(() => void refresh(), 4 * 60 * 1000);
    return () => window.clearInterval(id);
  }, [user, refresh]);

  const acceptSession = useCallback((s: Session) => {
    token.current = s.accessToken;
    setUser(s.user);
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const s = await sendJson('/api/auth/login', LoginResponseSchema, { email, password });
      if (isMfaChallenge(s)) return s;
      acceptSession(s);
      return null;
    },
    [acceptSession],
  );

  const signOut = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      token.current = null;
      setUser(null);
    }
  }, []);

  const value = useMemo(
    () => ({ user, ready, signIn, acceptSession, signOut }),
    [user, ready, signIn, acceptSession, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
