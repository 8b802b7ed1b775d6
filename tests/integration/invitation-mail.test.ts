import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAgency, insertUser, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/** A real SMTP receiver on loopback: the app speaks SMTP to it exactly as to a ministry's mail server. */
const received: { to: string[]; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let body = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => {
      body += c;
    });
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
      callback();
    });
  },
});

let t: TestApp;
let agencyId: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'DGA <survey@dga.test>' });
  agencyId = (await insertAgency(t.db, 'ML01')).id;
  await insertUser(t.db, 'admin@mail.test', 'admin');
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('invitation mail', () => {
  it('sends the single-use link by SMTP when SMTP is configured, and still shows it to the administrator', async () => {
    const admin = await signIn(t.app, 'admin@mail.test');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.headers,
      payload: { email: 'cio@mail.test', role: 'respondent', agencyId },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.emailed).toBe(true);
    const mail = received.find((m) => m.to.includes('cio@mail.test'));
    expect(mail).toBeDefined();
    // Quoted-printable may fold long lines; unfold before looking for the link.
    const text = (mail?.body ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(text).toContain(body.link);
  });

  it('keeps the invitation when the mail server is unreachable', async () => {
    const offline = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      await insertUser(offline.db, 'admin2@mail.test', 'admin');
      const admin = await signIn(offline.app, 'admin2@mail.test');
      const agency = await insertAgency(offline.db, 'ML02');
      const res = await offline.app.inject({
        method: 'POST',
        url: '/api/admin/invitations',
        headers: admin.headers,
        payload: { email: 'late@mail.test', role: 'viewer', agencyId: agency.id },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ emailed: false });
      expect(res.json().link).toContain('/invite/');
    } finally {
      await offline.close();
    }
  });
});
