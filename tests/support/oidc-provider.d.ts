// oidc-provider ships no types; only what the single sign-on test uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }
  interface ProviderOptions {
    clients: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
    cookies?: { keys: string[] };
  }
  export default class Provider {
    constructor(issuer: string, options: ProviderOptions);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
