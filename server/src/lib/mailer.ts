import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** SMTP only when SMTP_URL is configured; otherwise links are shown to the administrator to pass on. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

export function invitationMail(to: string, link: string, expiresAt: string, kind: 'invite' | 'reset'): Mail {
  const expires = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Bangkok',
  }).format(new Date(expiresAt));
  if (kind === 'reset') {
    return {
      to,
      subject: 'ตั้งรหัสผ่านใหม่ — ระบบสำรวจความพร้อมรัฐบาลดิจิทัล / Reset your password',
      text: `ลิงก์สำหรับตั้งรหัสผ่านใหม่ (ใช้ได้ครั้งเดียว หมดอายุ ${expires}):\n${link}\n\nA single-use link to set a new password (expires ${expiresAt}):\n${link}\n`,
    };
  }
  return {
    to,
    subject: 'คำเชิญเข้าใช้ระบบสำรวจความพร้อมรัฐบาลดิจิทัล / Invitation to the DG Readiness Survey',
    text: `ท่านได้รับเชิญให้เข้าใช้ระบบสำรวจความพร้อมรัฐบาลดิจิทัล ตั้งรหัสผ่านได้ที่ลิงก์นี้ (ใช้ได้ครั้งเดียว หมดอายุ ${expires}):\n${link}\n\nYou are invited to the Digital Government Readiness Survey. Set your password with this single-use link (expires ${expiresAt}):\n${link}\n`,
  };
}
