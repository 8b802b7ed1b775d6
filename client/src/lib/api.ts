import type { ApiError } from '@dg/shared/schemas/api-error';
import type { z } from 'zod';

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
  return readResponse<T>(res);
}

/** A response's body as api() returns it: JSON (or a Blob), or an ApiRequestError for a refusal. */
export async function readResponse<T>(res: Response): Promise<T> {
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

/** Set by client/vite.config.ts: true in development and in the build the tests run. */
declare const __CHECK_API_RESPONSES__: boolean | undefined;
const CHECK_RESPONSES = typeof __CHECK_API_RESPONSES__ !== 'undefined' && __CHECK_API_RESPONSES__;

/** A response that does not match the shared schema of its route: the server and the client drifted apart. */
export class ResponseDriftError extends Error {
  constructor(
    readonly path: string,
    readonly issues: unknown,
  ) {
    super(`The response of ${path} does not match its schema`);
  }
}

/**
 * The body as the route's shared schema types it. In development and tests the body is checked
 * (a drifted response fails loudly instead of rendering "undefined"); production trusts the server.
 */
export function expectShape<S extends z.ZodType>(path: string, schema: S, body: unknown): z.output<S> {
  if (CHECK_RESPONSES) {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      console.error(`API response drift: ${path}`, checked.error.issues);
      throw new ResponseDriftError(path, checked.error.issues);
    }
  }
  return body as z.output<S>;
}

/** GET (or any call) whose JSON body is typed and, in development and tests, checked by `schema`. */
export const getJson = async <S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}) =>
  expectShape(path, schema, await api<unknown>(path, init));

/** A JSON request (POST unless init says otherwise) whose response is typed and checked by `schema`. */
export const sendJson = async <S extends z.ZodType>(path: string, schema: S, body: unknown, init: RequestInit = {}) =>
  expectShape(path, schema, await postJson<unknown>(path, body, init));

/**
 * A file download (CSV, XLSX, ZIP, evidence): the body as a Blob. A JSON body (a framework's
 * export.json) becomes a Blob of that JSON, pretty-printed, so every download saves the same way.
 */
export async function getBlob(path: string, init: RequestInit = {}): Promise<Blob> {
  const body = await api<unknown>(path, init);
  return body instanceof Blob
    ? body
    : new Blob([`${JSON.stringify(body, null, 2)}\n`], { type: 'application/json;charset=utf-8' });
}

/**
 * A download the server may build in the background: the file (200, a Blob) when it is ready,
 * else a JSON body (202, the job building it) typed and, in development and tests, checked by `schema`.
 */
export async function getBlobOrJson<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit = {},
): Promise<Blob | z.output<S>> {
  const body = await api<unknown>(path, init);
  return body instanceof Blob ? body : expectShape(path, schema, body);
}
