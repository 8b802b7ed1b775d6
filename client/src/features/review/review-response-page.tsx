import { formatDate, formatYear } from '@dg/shared/domain/dates';
import {
  type Claim,
  type LevelChange,
  type PillarLevel,
  REJECTION_REASONS,
  type ReviewDetail,
  type VerificationResult,
} from '@dg/shared/schemas/review';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  LoadError,
  Loading,
  notifyError,
  notifyOk,
  STATUS_COLOR,
  StaffOnly,
  useLang,
  VERIFICATION_COLOR,
} from '../../components/page-state';
import { downloadEvidence, useAccept, useReturn, useReviewDetail, useVerify } from './api';

export function ReviewResponsePage() {
  return (
    <StaffOnly>
      <ReviewResponseContent />
    </StaffOnly>
  );
}

function ReviewResponseContent() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = Number(useParams().responseId);
  const detail = useReviewDetail(id);
  const [selected, setSelected] = useState<string | null>(null);
  const [last, setLast] = useState<VerificationResult | null>(null);
  const [returning, setReturning] = useState(false);
  const [accepting, setAccepting] = useState(false);

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const { response } = d;
  const reviewable = response.status === 'submitted' || response.status === 'verified';
  const current = d.claims.find((c) => c.questionCode === selected) ?? null;
  const pending = d.claims.filter((c) => c.verification === 'self_reported').length;

  return (
    <Stack gap="lg" maw={1400}>
      <Anchor component={Link} to={`/review?cycle=${d.cycle.id}`} size="sm">
        ← {t('review.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={2}>{response.agencyName[lang]}</Title>
          <Group gap="xs">
            <Badge variant="filled" color={STATUS_COLOR[response.status]} data-testid="response-status">
              {t(`review.statuses.${response.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {d.agencyCode} · {t(`review.tracks.${response.track}`)} · {formatYear(d.cycle.fiscalYear, lang)} ·{' '}
              {t('review.roundLabel', { round: response.round })}
              {response.submittedAt ? ` · ${formatDate(response.submittedAt, lang, true)}` : ''}
            </Text>
          </Group>
        </Stack>
        <Group gap="sm">
          <Button
            variant="default"
            onClick={() => setReturning(true)}
            disabled={!reviewable || d.cycle.status !== 'open'}
          >
            {t('review.returnToAgency')}
          </Button>
          <Button color="#1b5e20" onClick={() => setAccepting(true)} disabled={response.status !== 'submitted'}>
            {t('review.accept')}
          </Button>
        </Group>
      </Group>
      {!reviewable && (
        <Alert color="yellow">{t('review.notReviewable', { status: t(`review.statuses.${response.status}`) })}</Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t('review.claimList', { count: d.claims.length })}
            </Title>
            {d.claims.length === 0 && <Text c="dimmed">{t('review.noClaims')}</Text>}
            {d.claims.map((c) => (
              <ClaimCard
                key={c.questionCode}
                claim={c}
                selected={c.questionCode === selected}
                onSelect={() => setSelected(c.questionCode)}
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md" style={{ position: 'sticky', top: 80, maxHeight: 'calc(100vh - 96px)', overflowY: 'auto' }}>
            <DecisionPanel
              key={current?.questionCode ?? 'none'}
              responseId={id}
              claim={current}
              disabled={!reviewable}
              onDone={setLast}
            />
            <LevelsPanel detail={d} last={last} />
          </Stack>
        </Grid.Col>
      </Grid>
      <CommentsPanel detail={d} />
      {returning && <ReturnDialog opened onClose={() => setReturning(false)} detail={d} />}
      <AcceptDialog opened={accepting} onClose={() => setAccepting(false)} responseId={id} pending={pending} />
    </Stack>
  );
}

function ClaimCard({ claim, selected, onSelect }: { claim: Claim; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const download = async (href: string, name: string) => {
    try {
      await downloadEvidence(href, name);
    } catch (e) {
      notifyError(e);
    }
  };
  const levels = [...new Set(claim.criteria.map((c) => c.level))].sort();
  const required = claim.criteria.some((c) => c.required);
  return (
    <Paper
      withBorder
      p="md"
      data-testid={`claim-${claim.questionCode}`}
      style={selected ? { borderColor: 'var(--mantine-color-blue-7)', borderWidth: 2 } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed">
            {t('review.pillar')} {claim.pillarNumber} · {claim.questionCode}
          </Text>
          <Badge variant="filled" color={VERIFICATION_COLOR[claim.verification]}>
            {t(`review.stateShort.${claim.verification}`)}
          </Badge>
        </Group>
        <Text fw={600}>{claim.text[lang]}</Text>
        <Text size="sm">
          <strong>{t('review.answer')}:</strong> {claim.answerText[lang]}
        </Text>
        <Text size="sm">
          {t('review.criteriaLevels')}: {levels.join(', ')}
          {required ? ` (${t('review.requiredCriterion')})` : ''}
        </Text>
        <div>
          <Text size="sm" fw={600}>
            {t('review.evidence')}
          </Text>
          {claim.evidence.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('review.noEvidence')}
            </Text>
          ) : (
            <List size="sm" spacing={4}>
              {claim.evidence.map((e) => (
                <List.Item key={e.id} data-testid={`piece-${e.id}`}>
                  <Badge
                    size="sm"
                    variant="light"
                    color={VERIFICATION_COLOR[e.verification]}
                    mr={6}
                    data-testid="piece-state"
                  >
                    {t(`review.stateShort.${e.verification}`)}
                  </Badge>
                  {e.kind === 'url' ? (
                    <Anchor href={e.href} target="_blank" rel="noreferrer noopener">
                      {e.url}
                    </Anchor>
                  ) : (
                    <Anchor
                      component="button"
                      type="button"
                      onClick={() => void download(e.href, e.fileName ?? `evidence-${e.id}`)}
                    >
                      {e.fileName ?? e.id}
                    </Anchor>
                  )}
                  {e.verification === 'rejected' && e.verificationReason && (
                    <Text size="xs" c="red.9">
                      {reasonText(e.verificationReason, e.verificationComment, lang)}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </div>
        {/* With evidence, each rejected piece shows its own reason above. */}
        {claim.verification === 'rejected' && claim.verificationReason && claim.evidence.length === 0 && (
          <Text size="sm" c="red.9">
            {reasonText(claim.verificationReason, claim.verificationComment, lang)}
          </Text>
        )}
        <Group>
          <Button
            size="xs"
            variant={selected ? 'filled' : 'light'}
            onClick={onSelect}
            aria-pressed={selected}
            aria-label={`${selected ? t('review.selected') : t('review.select')}: ${claim.questionCode}`}
          >
            {selected ? t('review.selected') : t('review.select')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

const reasonText = (reason: string, comment: string | null, lang: 'th' | 'en') =>
  `${REJECTION_REASONS[reason as keyof typeof REJECTION_REASONS]?.[lang] ?? reason}${comment ? ` — ${comment}` : ''}`;

const WHOLE_ANSWER = 'answer';
type Piece = Claim['evidence'][number];
const pieceName = (e: Piece) => (e.kind === 'url' ? (e.url ?? e.id) : (e.fileName ?? e.id));

/** Which piece of evidence to decide on: the first not yet checked, else the first; the whole answer without evidence. */
function defaultTarget(claim: Claim): string {
  return (claim.evidence.find((e) => e.verification === 'self_reported') ?? claim.evidence[0])?.id ?? WHOLE_ANSWER;
}

function DecisionPanel({
  responseId,
  claim,
  disabled,
  onDone,
}: {
  responseId: number;
  claim: Claim | null;
  disabled: boolean;
  onDone: (r: VerificationResult) => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string>(() => (claim ? defaultTarget(claim) : WHOLE_ANSWER));

  if (!claim) {
    return (
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('review.decision')}
        </Title>
        <Text c="dimmed">{t('review.pickClaim')}</Text>
      </Paper>
    );
  }
  const piece = claim.evidence.find((e) => e.id === target) ?? null;
  return (
    <DecisionForm
      key={target}
      responseId={responseId}
      claim={claim}
      piece={piece}
      target={target}
      onTarget={setTarget}
      disabled={disabled}
      onDone={onDone}
    />
  );
}

function DecisionForm({
  responseId,
  claim,
  piece,
  target,
  onTarget,
  disabled,
  onDone,
}: {
  responseId: number;
  claim: Claim;
  piece: Piece | null;
  target: string;
  onTarget: (target: string) => void;
  disabled: boolean;
  onDone: (r: VerificationResult) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const verify = useVerify(responseId);
  const decided = piece ?? claim;
  const [state, setState] = useState<Claim['verification']>(decided.verification);
  const [reason, setReason] = useState<string | null>(decided.verificationReason);
  const [comment, setComment] = useState(decided.verificationComment ?? '');
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (state === 'rejected' && !reason) {
      setError(t('review.reasonRequired'));
      return;
    }
    setError(null);
    try {
      const r = await verify.mutateAsync({
        questionCode: claim.questionCode,
        ...(piece ? { evidenceId: piece.id } : {}),
        state,
        ...(state === 'rejected' && reason ? { reasonCode: reason } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onDone(r);
      notifyOk(t('review.saved'));
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Paper withBorder p="md" data-testid="decision-panel">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('review.decisionFor', { code: claim.questionCode })}
        </Title>
        <Text size="sm">{claim.text[lang]}</Text>
        {claim.evidence.length > 0 && (
          <>
            <Select
              label={t('review.target')}
              allowDeselect={false}
              value={target}
              onChange={(v) => v && onTarget(v)}
              disabled={disabled}
              data={[
                ...claim.evidence.map((e, i) => ({
                  value: e.id,
                  label: `${t('review.pieceLabel', { n: i + 1, name: pieceName(e) })} (${t(`review.stateShort.${e.verification}`)})`,
                })),
                { value: WHOLE_ANSWER, label: t('review.wholeAnswer') },
              ]}
            />
            <Text size="xs" c="dimmed">
              {t('review.ruleHint')}
            </Text>
          </>
        )}
        <Radio.Group label={t('review.decision')} value={state} onChange={(v) => setState(v as Claim['verification'])}>
          <Stack gap={6} mt={4}>
            <Radio value="verified" label={t('review.states.verified')} disabled={disabled} />
            <Radio value="rejected" label={t('review.states.rejected')} disabled={disabled} />
            <Radio value="self_reported" label={t('review.states.self_reported')} disabled={disabled} />
          </Stack>
        </Radio.Group>
        {state === 'rejected' && (
          <Select
            label={t('review.reason')}
            required
            value={reason}
            onChange={setReason}
            error={error}
            disabled={disabled}
            data={Object.entries(REJECTION_REASONS).map(([code, l]) => ({ value: code, label: l[lang] }))}
          />
        )}
        <Textarea
          label={t('review.comment')}
          autosize
          minRows={2}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          disabled={disabled}
        />
        {!piece && claim.verifiedBy && claim.verifiedAt && (
          <Text size="xs" c="dimmed">
            {t('review.verifiedBy', { name: claim.verifiedBy.name, at: formatDate(claim.verifiedAt, lang, true) })}
          </Text>
        )}
        <Button onClick={() => void save()} loading={verify.isPending} disabled={disabled}>
          {t('review.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

function LevelsPanel({ detail, last }: { detail: ReviewDetail; last: VerificationResult | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const snapshotRev = detail.levels.snapshot?.revision ?? 0;
  // The decision's own result shows at once, before the page data is refetched.
  const fresh = last && last.snapshotRevision >= snapshotRev ? last : null;
  const verified: PillarLevel[] = fresh ? fresh.after : detail.levels.verified;
  const byKey = new Map(verified.map((p) => [p.key, p.level]));
  const changed = new Map<string, LevelChange>((last?.changed ?? []).map((c) => [c.pillarKey, c]));
  const lv = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));

  return (
    <Paper withBorder p="md" data-testid="levels-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('review.levels')}
          </Title>
          {detail.levels.snapshot && (
            <Text size="xs" c="dimmed">
              {t('review.snapshot', { revision: fresh?.snapshotRevision ?? snapshotRev })}
              {detail.levels.snapshot.published ? ` · ${t('review.published')}` : ''}
            </Text>
          )}
        </Group>
        {last && (
          <Paper
            p="sm"
            role="status"
            data-testid="level-change"
            style={{ background: last.changed.length > 0 ? '#fff3bf' : '#f1f3f5', color: '#212529' }}
          >
            <Text size="sm" fw={600}>
              {t('review.lastDecision')}
            </Text>
            {last.changed.length === 0 ? (
              <Text size="sm">{t('review.noChange')}</Text>
            ) : (
              <Stack gap={2}>
                {last.changed.map((c) => (
                  <Text size="md" fw={700} key={c.pillarKey}>
                    {t('review.levelChange', { number: c.number, from: lv(c.from), to: lv(c.to) })}
                  </Text>
                ))}
              </Stack>
            )}
            {last.correction && (
              <Text size="sm" mt={4}>
                {t('review.correction', { revision: last.snapshotRevision })}
              </Text>
            )}
          </Paper>
        )}
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('review.pillar')}</Table.Th>
              <Table.Th scope="col" ta="center">
                {t('review.self')}
              </Table.Th>
              <Table.Th scope="col" ta="center">
                {t('review.verifiedLevel')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.levels.self.map((p) => {
              const c = changed.get(p.key);
              const v = byKey.get(p.key);
              return (
                <Table.Tr key={p.key} data-testid={`level-${p.key}`} style={c ? { background: '#fff3bf' } : undefined}>
                  <Table.Th scope="row" fw={400}>
                    {p.number}. {p.name[lang]}
                  </Table.Th>
                  <Table.Td ta="center">{lv(p.level)}</Table.Td>
                  <Table.Td ta="center" fw={c || v !== p.level ? 700 : 400} data-testid={`verified-${p.key}`}>
                    {c ? `${lv(c.from)} → ${lv(c.to)}` : lv(v)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            <Table.Tr>
              <Table.Th scope="row">{t('review.overall')}</Table.Th>
              <Table.Td ta="center">{lv(detail.levels.selfOverall)}</Table.Td>
              <Table.Td ta="center" fw={700}>
                {lv(fresh ? fresh.verifiedOverall.to : detail.levels.verifiedOverall)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function CommentsPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rounds = [...new Set(detail.comments.map((c) => c.round))].sort((a, b) => a - b);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t('review.comments')}
      </Title>
      {rounds.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('review.noComments')}
        </Text>
      ) : (
        <Stack gap="sm">
          {rounds.map((r) => (
            <div key={r}>
              <Text fw={600} size="sm">
                {t('review.roundLabel', { round: r })}
              </Text>
              <List size="sm">
                {detail.comments
                  .filter((c) => c.round === r)
                  .map((c) => (
                    <List.Item key={c.id}>
                      {c.questionCode ? `${c.questionCode}: ` : ''}
                      {c.comment}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        — {c.author?.name ?? ''} {formatDate(c.createdAt, lang, true)}
                      </Text>
                    </List.Item>
                  ))}
              </List>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

interface Row {
  key: number;
  questionCode: string;
  comment: string;
}

function ReturnDialog({ opened, onClose, detail }: { opened: boolean; onClose: () => void; detail: ReviewDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ret = useReturn(detail.response.id);
  const initial = (): Row[] => {
    const rejected = detail.claims.filter((c) => c.verification === 'rejected');
    return rejected.length > 0
      ? rejected.map((c, i) => ({ key: i, questionCode: c.questionCode, comment: c.verificationComment ?? '' }))
      : [{ key: 0, questionCode: '', comment: '' }];
  };
  const [rows, setRows] = useState<Row[]>(initial);
  const questionData = [
    { value: '', label: t('review.general') },
    ...detail.questions.map((q) => ({ value: q.code, label: `${q.pillarNumber}. ${q.code} · ${q.text[lang]}` })),
  ];
  const valid = rows.filter((r) => r.comment.trim());

  const send = async () => {
    try {
      await ret.mutateAsync(valid.map((r) => ({ questionCode: r.questionCode || null, comment: r.comment.trim() })));
      notifyOk(t('review.returned'));
      onClose();
    } catch (e) {
      notifyError(e);
    }
  };
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('review.returnTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('review.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{t('review.returnIntro', { round: detail.response.round + 1 })}</Text>
        {rows.map((r, i) => (
          <Paper withBorder p="sm" key={r.key}>
            <Stack gap="xs">
              <Select
                label={`${t('review.question')} ${i + 1}`}
                searchable
                allowDeselect={false}
                value={r.questionCode}
                onChange={(v) => update(r.key, { questionCode: v ?? '' })}
                data={questionData}
              />
              <Textarea
                label={`${t('review.comment')} ${i + 1}`}
                autosize
                minRows={2}
                maxLength={4000}
                value={r.comment}
                onChange={(e) => update(r.key, { comment: e.currentTarget.value })}
              />
              {rows.length > 1 && (
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="#a61e1e"
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  >
                    {t('review.remove')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
        <Group justify="space-between">
          <Button
            variant="default"
            onClick={() =>
              setRows((rs) => [...rs, { key: Math.max(0, ...rs.map((x) => x.key)) + 1, questionCode: '', comment: '' }])
            }
          >
            {t('review.addComment')}
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('review.cancel')}
            </Button>
            <Button color="#8a3b00" onClick={() => void send()} disabled={valid.length === 0} loading={ret.isPending}>
              {t('review.send')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

function AcceptDialog({
  opened,
  onClose,
  responseId,
  pending,
}: {
  opened: boolean;
  onClose: () => void;
  responseId: number;
  pending: number;
}) {
  const { t } = useTranslation();
  const accept = useAccept(responseId);
  const go = async () => {
    try {
      await accept.mutateAsync(pending > 0);
      notifyOk(t('review.accepted'));
      onClose();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('review.acceptTitle')}
      closeButtonProps={{ 'aria-label': t('review.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{pending > 0 ? t('review.acceptPending', { count: pending }) : t('review.acceptAll')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('review.cancel')}
          </Button>
          <Button color="#1b5e20" onClick={() => void go()} loading={accept.isPending}>
            {t('review.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
