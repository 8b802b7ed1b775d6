import type { FastifyBaseLogger } from 'fastify';
import { invitationMail, type Mailer } from '../../lib/mailer';

/** Mails a link when SMTP is configured; the link is always returned, a mail failure never loses it. */
export async function deliverLink<T extends { link: string; expiresAt: string; emailed: boolean }>(
  mailer: Mailer | null,
  log: FastifyBaseLogger,
  to: string,
  issued: T,
  kind: 'invite' | 'reset',
): Promise<T> {
  if (!mailer) return issued;
  try {
    await mailer.send(invitationMail(to, issued.link, issued.expiresAt, kind));
    return { ...issued, emailed: true };
  } catch (err) {
    log.warn({ err }, 'invitation mail not sent');
    return issued;
  }
}
