import type { Session, SessionUser } from '@dg/shared/schemas/auth';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, postJson, setTokenSource } from './api';

interface AuthState {
  user: SessionUser | null;
  ready: boolean;
  signIn(email: string, password: string): Promise<void>;
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

  const refresh = useCallback(async (): Promise<string | null> => {
    if (!inflight.current) {
      inflight.current = (async () => {
        try {
          const s = await postJson<Session>('/api/auth/refresh', {});
          token.current = s.accessToken;
          setUser(s.user);
          return s.accessToken;
        } catch {
          token.current = null;
          setUser(null);
          return null;
        } finally {
          inflight.current = null;
        }
      })();
    }
    return inflight.current;
  }, []);

  useEffect(() => {
    setTokenSource({ get: () => token.current, refresh });
    void refresh().finally(() => setReady(true));
  }, [refresh]);

  // Refresh ahead of expiry too, so a long edit on one page never meets a 401.
  useEffect(() => {
    if (!user) return;
    const id = window.setInterval(() => void refresh(), 4 * 60 * 1000);
    return () => window.clearInterval(id);
  }, [user, refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    const s = await postJson<Session>('/api/auth/login', { email, password });
    token.current = s.accessToken;
    setUser(s.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      token.current = null;
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, ready, signIn, signOut }), [user, ready, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
