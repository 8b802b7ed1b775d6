import type { FastifyBaseLogger } from 'fastify';
import { type ChannelListener, listenOn } from '../../lib/channel-listener';
import { REVOCATION_CHANNEL } from './auth.repository';
import { type Revocation, RevocationSchema } from './revocation';

/**
 * Hears the revocations other app servers commit. While it is not listening it cannot know what it
 * missed, so every (re)connection calls `onGap` and the caller forgets its cache.
 */
export function listenForRevocations(
  url: string,
  onRevocation: (r: Revocation) => void,
  onGap: () => void,
  log: FastifyBaseLogger,
): Promise<ChannelListener> {
  const onPayload = (payload: string) => {
    let parsed: ReturnType<typeof RevocationSchema.safeParse> | undefined;
    try {
      parsed = RevocationSchema.safeParse(JSON.parse(payload));
    } catch {
      parsed = undefined;
    }
    // Something we cannot read still means something was revoked.
    if (parsed?.success) onRevocation(parsed.data);
    else onGap();
  };
  return listenOn({ url }, REVOCATION_CHANNEL, onPayload, onGap, log);
}
