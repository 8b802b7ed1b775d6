import { DomainError } from '@dg/shared/domain/errors';

/**
 * At most `max` expensive downloads in flight per user on this server (an on-demand PDF, a raw
 * export): one person holding the download button cannot take Chromium or the database away from
 * everyone else. The one that would exceed it is answered 429, to retry when the first is done.
 */
export class UserGate {
  private readonly inFlight = new Map<number, number>();

  constructor(
    private readonly max: number,
    private readonly what: string,
  ) {}

  /** Returns the release function; call it exactly once, when the work (or the stream) ends. */
  enter(userId: number): () => void {
    const n = this.inFlight.get(userId) ?? 0;
    if (n >= this.max) {
      throw new DomainError(
        'RATE_LIMITED',
        `You already have ${n} ${this.what} in progress; wait for it to finish, then try again`,
        { retryAfterSeconds: 2 },
      );
    }
    this.inFlight.set(userId, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(userId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(userId, left);
      else this.inFlight.delete(userId);
    };
  }
}
