import type { ApiError } from '@dg/shared/schemas/api-error';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

type TokenSource = {
  get(): string | null;
  refresh(): Promise<string | null>;
};

let tokens: TokenSource = { get: () => null, refresh: async () => null };
export function setTokenSource(source: TokenSource) {
  tokens = source;
}

async function send(path: string, init: RequestInit, token: string | null): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body && !(init.body instanceof FormData) && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  return fetch(path, { ...init, headers, credentials: 'same-origin' });
}

/** JSON API call; an expired access token is refreshed once, silently, and the call retried. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res = await send(path, init, tokens.get());
  if (res.status === 401 && !path.startsWith('/api/auth/')) {
    const fresh = await tokens.refresh();
    if (fresh) res = await send(path, init, fresh);
  }
  if (!res.ok) {
    let body: ApiError | undefined;
    try {
      body = (await res.json()) as ApiError;
    } catch {
      body = undefined;
    }
    const retryAfter = Number(res.headers.get('retry-after')) || undefined;
    throw new ApiRequestError(
      res.status,
      body?.error.code ?? 'HTTP_ERROR',
      body?.error.message ?? res.statusText,
      body?.error.details,
      retryAfter,
    );
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.blob()) as T;
}

export const postJson = <T>(path: string, body: unknown, init: RequestInit = {}) =>
  api<T>(path, { ...init, method: init.method ?? 'POST', body: JSON.stringify(body) });
