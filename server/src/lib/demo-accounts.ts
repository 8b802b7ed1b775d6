import type { Config } from '../plugins/config';

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

/**
 * The start-up listing of demo accounts, or null when it must not be printed. Development only:
 * the passwords are public, so a production or test log must never show them as if they were live.
 */
export function demoAccountsNotice(config: Pick<Config, 'NODE_ENV'>, accounts: DemoAccount[]): string | null {
  if (config.NODE_ENV !== 'development' || accounts.length === 0) return null;
  const lines = accounts.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(32)} ${a.password}`);
  return ['', 'Demo accounts (development only):', ...lines, ''].join('\n');
}
