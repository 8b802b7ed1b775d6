import type { MfaSetup } from '@dg/shared/schemas/mfa';
import {
  Alert,
  Button,
  Checkbox,
  CopyButton,
  Group,
  Image,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import QRCode from 'qrcode';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../lib/api';

/** The secret as a QR code for the phone's camera, and as text for typing it in by hand. */
export function AuthenticatorSetup({ setup }: { setup: MfaSetup }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(setup.otpauthUri, { margin: 1, width: 200 }).then((url) => {
      if (live) setQr(url);
    });
    return () => {
      live = false;
    };
  }, [setup.otpauthUri]);
  const grouped = setup.secret.match(/.{1,4}/g)?.join(' ') ?? setup.secret;
  return (
    <Stack gap="sm">
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>{t('mfa.stepApp')}</List.Item>
        <List.Item>{t('mfa.stepScan')}</List.Item>
        <List.Item>{t('mfa.stepCode')}</List.Item>
      </List>
      {qr && <Image src={qr} alt={t('mfa.qrAlt')} w={200} h={200} />}
      <Text size="sm">{t('mfa.secretText')}</Text>
      <Text ff="monospace" fz="lg" data-testid="mfa-secret" style={{ letterSpacing: 1, wordBreak: 'break-all' }}>
        {grouped}
      </Text>
    </Stack>
  );
}

export function CodeInput(props: {
  value: string;
  onChange(v: string): void;
  error?: ReactNode;
  allowRecovery?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('mfa.code')}
      description={props.allowRecovery ? t('mfa.codeOrRecovery') : t('mfa.codeHint')}
      autoComplete="one-time-code"
      inputMode={props.allowRecovery ? 'text' : 'numeric'}
      maxLength={props.allowRecovery ? 11 : 6}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      data-autofocus
    />
  );
}

/** A second-factor error in the user's language: the server's code, not its English text. */
export function mfaErrorText(e: unknown, t: (k: string) => string): string {
  if (e instanceof ApiRequestError) {
    const reason = (e.details as { reason?: string } | undefined)?.reason;
    if (e.code === 'RATE_LIMITED') return t('auth.locked');
    if (reason === 'challenge_expired') return t('mfa.expired');
    if (reason === 'wrong_code' || e.code === 'VALIDATION_FAILED') return t('mfa.wrongCode');
  }
  return t('state.error');
}

/** Recovery codes, shown once: copy, download, and acknowledge before going on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const text = `${t('mfa.codesFileTitle')}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'dg-readiness-recovery-codes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Stack gap="sm">
      <Alert color="blue" title={t('mfa.codesTitle')}>
        {t('mfa.codesIntro')}
      </Alert>
      <SimpleGrid
        cols={2}
        spacing={4}
        data-testid="recovery-codes"
        component="ul"
        style={{ listStyle: 'none', padding: 0 }}
      >
        {codes.map((c) => (
          <Text key={c} component="li" ff="monospace" fz="md">
            {c}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? t('mfa.copied') : t('mfa.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" size="xs" onClick={download}>
          {t('mfa.download')}
        </Button>
      </Group>
      <Checkbox label={t('mfa.savedThem')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
      <Button disabled={!saved} onClick={onDone}>
        {t('mfa.continue')}
      </Button>
    </Stack>
  );
}
