import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from './test-app';

export interface LiveServer extends TestApp {
  baseUrl: string;
}

/** The real app on a loopback port, with the built client, for browser tests. */
export async function startLiveServer(env: Record<string, string> = {}): Promise<LiveServer> {
  const t = await createTestApp(env);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
