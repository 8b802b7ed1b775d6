import type { Principal } from '../../plugins/auth';

/** Who acts on a response, and from where (for the audit log). */
export interface Actor {
  principal: Principal;
  ip: string | null;
}
