import type { Condition, ConditionOp, Question } from '@dg/shared/schemas/framework';
import { ActionIcon, Button, Code, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { conditionText } from './condition-text';

type Leaf = Extract<Condition, { question: string }>;
const isLeaf = (c: Condition): c is Leaf => 'question' in c;

const OPTION_TYPES = new Set(['single', 'multiple', 'staged', 'reason', 'matrix', 'yes_no']);
const NUMERIC_TYPES = new Set(['number', 'percentage']);

function opsFor(q: Question | undefined): ConditionOp[] {
  if (!q) return ['answered'];
  if (NUMERIC_TYPES.has(q.type)) return ['gte', 'lte', 'gt', 'lt', 'eq', 'answered'];
  if (q.type === 'multiple') return ['includes', 'excludes', 'answered'];
  if (q.type === 'staged') return ['stage_at_least', 'eq', 'in', 'answered'];
  if (OPTION_TYPES.has(q.type)) return ['eq', 'neq', 'in', 'answered'];
  return ['answered'];
}

function optionsOf(q: Question | undefined, lang: 'th' | 'en') {
  if (!q) return [];
  if (q.type === 'yes_no' && !q.options?.length) {
    return [
      { value: 'yes', label: lang === 'th' ? 'ใช่ (yes)' : 'yes' },
      { value: 'no', label: lang === 'th' ? 'ไม่ใช่ (no)' : 'no' },
    ];
  }
  return (q.options ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.label[lang]}` }));
}

function LeafPicker({
  leaf,
  questions,
  onChange,
  onRemove,
  label,
}: {
  leaf: Leaf;
  questions: Question[];
  onChange(next: Leaf): void;
  onRemove(): void;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const q = questions.find((x) => x.code === leaf.question);
  const ops = opsFor(q);
  const opts = optionsOf(q, lang);
  const setQuestion = (code: string | null) => {
    const nq = questions.find((x) => x.code === code);
    if (!nq) return;
    const op = opsFor(nq)[0] ?? 'answered';
    onChange({ question: nq.code, op, ...(nq.type === 'matrix' ? { row: nq.rows?.[0]?.code } : {}) });
  };
  const setOp = (op: string | null) => {
    if (!op) return;
    const { value: _v, ...rest } = leaf;
    onChange({ ...rest, op: op as ConditionOp });
  };
  return (
    <Paper withBorder p="xs" role="group" aria-label={label}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('authoring.condQuestion')}
          data={questions.map((x) => ({ value: x.code, label: `${x.code} · ${x.text[lang]}` }))}
          value={leaf.question}
          onChange={setQuestion}
          searchable
          w={260}
          comboboxProps={{ withinPortal: true }}
        />
        {q?.type === 'matrix' && (
          <Select
            label={t('authoring.condRow')}
            data={(q.rows ?? []).map((r) => ({ value: r.code, label: `${r.code} · ${r.label[lang]}` }))}
            value={leaf.row ?? null}
            onChange={(row) => row && onChange({ ...leaf, row })}
            w={180}
          />
        )}
        <Select
          label={t('authoring.condOp')}
          data={ops.map((op) => ({ value: op, label: t(`authoring.ops.${op}`) }))}
          value={leaf.op}
          onChange={setOp}
          w={170}
          allowDeselect={false}
        />
        {leaf.op !== 'answered' &&
          (NUMERIC_TYPES.has(q?.type ?? '') ? (
            <NumberInput
              label={t('authoring.condValue')}
              value={typeof leaf.value === 'number' ? leaf.value : ''}
              onChange={(v) => onChange({ ...leaf, value: typeof v === 'number' ? v : undefined })}
              w={120}
            />
          ) : leaf.op === 'in' ? (
            <MultiSelect
              label={t('authoring.condValue')}
              data={opts}
              value={Array.isArray(leaf.value) ? leaf.value : []}
              onChange={(value) => onChange({ ...leaf, value })}
              w={260}
            />
          ) : (
            <Select
              label={t('authoring.condValue')}
              data={opts}
              value={typeof leaf.value === 'string' ? leaf.value : null}
              onChange={(value) => onChange({ ...leaf, value: value ?? undefined })}
              w={220}
            />
          ))}
        <ActionIcon
          variant="subtle"
          color="red"
          onClick={onRemove}
          aria-label={t('authoring.removeCondition')}
          size="lg"
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/**
 * A condition built with pickers: one comparison, or all/any of several. Deeper trees (not, nested
 * groups) come from the workbook or JSON; they are shown as text and can be replaced, never typed.
 */
export function ConditionPicker({
  value,
  onChange,
  questions,
  label,
  optional,
}: {
  value: Condition | undefined;
  onChange(next: Condition | undefined): void;
  /** The questions a condition may read: those before the one it belongs to. */
  questions: Question[];
  label: string;
  optional: boolean;
}) {
  const { t } = useTranslation();
  const group = value && ('all' in value || 'any' in value) ? value : undefined;
  const leaves: Condition[] = value === undefined ? [] : group ? ('all' in group ? group.all : group.any) : [value];
  const simple = leaves.every(isLeaf);
  const mode: 'all' | 'any' = group && 'any' in group ? 'any' : 'all';
  const emit = (next: Leaf[], m: 'all' | 'any' = mode) => {
    if (next.length === 0) onChange(optional ? undefined : value);
    else if (next.length === 1) onChange(next[0]);
    else onChange(m === 'all' ? { all: next } : { any: next });
  };
  const first = questions.at(-1);
  const add = () => {
    if (!first) return;
    const op = opsFor(first)[0] ?? 'answered';
    emit([...(leaves as Leaf[]), { question: first.code, op }]);
  };
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {label}
      </Text>
      {!simple && value ? (
        <Code block>{conditionText(value)}</Code>
      ) : leaves.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('authoring.always')}
        </Text>
      ) : (
        <>
          {leaves.length > 1 && (
            <Select
              label={t('authoring.combine')}
              data={[
                { value: 'all', label: t('authoring.combineAll') },
                { value: 'any', label: t('authoring.combineAny') },
              ]}
              value={mode}
              onChange={(m) => m && emit(leaves as Leaf[], m as 'all' | 'any')}
              w={200}
              allowDeselect={false}
            />
          )}
          {(leaves as Leaf[]).map((leaf, i) => (
            <LeafPicker
              // biome-ignore lint/suspicious/noArrayIndexKey: parts are edited in place and never reordered
              key={i}
              label={`${label} ${i + 1}`}
              leaf={leaf}
              questions={questions}
              onChange={(next) => emit((leaves as Leaf[]).map((l, j) => (j === i ? next : l)))}
              onRemove={() => emit((leaves as Leaf[]).filter((_, j) => j !== i))}
            />
          ))}
        </>
      )}
      {simple && first && (
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={add}
          w="fit-content"
        >
          {t('authoring.addCondition')}
        </Button>
      )}
    </Stack>
  );
}
