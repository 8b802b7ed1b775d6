import net, { type AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from './test-app';

export interface LiveServer extends TestApp {
  baseUrl: string;
}

/** A loopback port free right now, for a server whose own address must be configured before it starts. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The real app on a loopback port, with the built client, for browser tests. */
export async function startLiveServer(
  env: Record<string, string> = {},
  opts: { port?: number } = {},
): Promise<LiveServer> {
  const t = await createTestApp(env);
  await t.app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
