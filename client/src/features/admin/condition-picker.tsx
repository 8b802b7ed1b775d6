import type { Condition, ConditionOp, Question } from '@dg/shared/schemas/framework';
import { ActionIcon, Button, Code, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { conditionText } from './condition-text';

type Leaf = Extract<Condition, { question: string }>;

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

type CondGroup = Extract<Condition, { all: Condition[] }> | Extract<Condition, { any: Condition[] }>;
const isGroup = (c: Condition): c is CondGroup => 'all' in c || 'any' in c;
const childrenOf = (g: CondGroup): Condition[] => ('all' in g ? g.all : g.any);
const makeGroup = (kind: 'all' | 'any', items: Condition[]): Condition =>
  kind === 'all' ? { all: items } : { any: items };

/** One node of the condition tree: a comparison, an all/any group of nodes, or "not" of a node. */
function NodeEditor({
  node,
  questions,
  onChange,
  onRemove,
  label,
  depth,
}: {
  node: Condition;
  questions: Question[];
  onChange(next: Condition): void;
  onRemove(): void;
  label: string;
  depth: number;
}) {
  const { t } = useTranslation();
  const newLeaf = (): Leaf | null => {
    const q = questions.at(-1);
    return q ? { question: q.code, op: opsFor(q)[0] ?? 'answered' } : null;
  };
  if ('not' in node) {
    return (
      <Paper withBorder p="xs" role="group" aria-label={`${label} · ${t('authoring.condNot')}`} bg="gray.0">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {t('authoring.condNot')}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => onChange(node.not)}>
              {t('authoring.condUnNot')}
            </Button>
          </Group>
          <NodeEditor
            node={node.not}
            questions={questions}
            label={label}
            depth={depth + 1}
            onChange={(next) => onChange({ not: next })}
            onRemove={onRemove}
          />
        </Stack>
      </Paper>
    );
  }
  if (!isGroup(node)) {
    return (
      <Stack gap={4}>
        <LeafPicker leaf={node} questions={questions} label={label} onChange={onChange} onRemove={onRemove} />
        <Group gap="xs">
          <Button size="compact-xs" variant="subtle" onClick={() => onChange({ not: node })}>
            {t('authoring.condNegate')}
          </Button>
          {depth < 4 && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => {
                const leaf = newLeaf();
                if (leaf) onChange({ all: [node, leaf] });
              }}
            >
              {t('authoring.condMakeGroup')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  const kind: 'all' | 'any' = 'all' in node ? 'all' : 'any';
  const items = childrenOf(node);
  const setItems = (next: Condition[]) => {
    if (next.length === 0) onRemove();
    else if (next.length === 1 && next[0]) onChange(next[0]);
    else onChange(makeGroup(kind, next));
  };
  return (
    <Paper withBorder p="xs" role="group" aria-label={label} style={{ borderLeftWidth: 4 }}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" gap="xs">
          <Select
            label={t('authoring.combine')}
            data={[
              { value: 'all', label: t('authoring.combineAll') },
              { value: 'any', label: t('authoring.combineAny') },
            ]}
            value={kind}
            onChange={(m) => m && onChange(makeGroup(m as 'all' | 'any', items))}
            w={200}
            allowDeselect={false}
          />
          <Group gap="xs">
            <Button size="compact-xs" variant="subtle" onClick={() => onChange({ not: node })}>
              {t('authoring.condNegate')}
            </Button>
            <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('authoring.condRemoveGroup')}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        {items.map((child, i) => (
          <NodeEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are edited in place and never reordered
            key={i}
            node={child}
            questions={questions}
            label={`${label}.${i + 1}`}
            depth={depth + 1}
            onChange={(next) => setItems(items.map((c, j) => (j === i ? next : c)))}
            onRemove={() => setItems(items.filter((_, j) => j !== i))}
          />
        ))}
        <Group gap="xs">
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              const leaf = newLeaf();
              if (leaf) setItems([...items, leaf]);
            }}
          >
            {t('authoring.addCondition')}
          </Button>
          {depth < 4 && (
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => {
                const leaf = newLeaf();
                if (leaf) setItems([...items, { any: [leaf, leaf] }]);
              }}
            >
              {t('authoring.condAddGroup')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * A condition built with pickers, nested as deep as the ConditionSchema allows (all/any groups,
 * "not" of any part, comparisons at the leaves); nothing is typed as an expression. The sentence
 * below reads the whole tree back, as the questionnaire will apply it.
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
  const first = questions.at(-1);
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {label}
      </Text>
      {value === undefined ? (
        <>
          <Text size="sm" c="dimmed">
            {t('authoring.always')}
          </Text>
          {first && (
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => onChange({ question: first.code, op: opsFor(first)[0] ?? 'answered' })}
              w="fit-content"
            >
              {t('authoring.addCondition')}
            </Button>
          )}
        </>
      ) : (
        <>
          <NodeEditor
            node={value}
            questions={questions}
            label={label}
            depth={0}
            onChange={onChange}
            // A criterion needs a condition: its last part cannot be removed, only changed.
            onRemove={() => optional && onChange(undefined)}
          />
          {/* Wrapped, not scrolled: a long condition stays readable on a phone without a scroll region. */}
          <Code block data-testid="condition-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {conditionText(value)}
          </Code>
        </>
      )}
    </Stack>
  );
}
