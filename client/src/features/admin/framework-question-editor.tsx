import type { Criterion, Pillar, Question } from '@dg/shared/schemas/framework';
import {
  ActionIcon,
  Button,
  Checkbox,
  Divider,
  Fieldset,
  Group,
  Input,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionPicker } from './condition-picker';

const OPTION_TYPES = new Set(['single', 'multiple', 'staged', 'reason', 'matrix']);

export interface QuestionEditorProps {
  question: Question;
  /** pathText of the question, e.g. pillars[0].indicators[1].questions[2]; field errors hang under it. */
  path: string;
  earlier: Question[];
  errorAt(pathText: string): string | undefined;
  onChange(mutate: (q: Question) => void): void;
}

/** Texts, options, display condition and criteria of one question, each field with its own error. */
export function QuestionEditor({ question: q, path, earlier, errorAt, onChange }: QuestionEditorProps) {
  const { t } = useTranslation();
  const [newCode, setNewCode] = useState('');
  const text = (field: 'text' | 'help', lang: 'th' | 'en', value: string) =>
    onChange((d) => {
      if (field === 'help') {
        d.help = { th: d.help?.th ?? '', en: d.help?.en ?? '', [lang]: value };
        if (d.help.th === '' && d.help.en === '') d.help = undefined;
      } else d.text[lang] = value;
    });
  return (
    <Stack gap="md">
      <Textarea
        label={t('authoring.textTh')}
        value={q.text.th}
        onChange={(e) => text('text', 'th', e.currentTarget.value)}
        error={errorAt(`${path}.text.th`)}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('authoring.textEn')}
        value={q.text.en}
        onChange={(e) => text('text', 'en', e.currentTarget.value)}
        error={errorAt(`${path}.text.en`)}
        autosize
        minRows={2}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea
          label={t('authoring.helpTh')}
          value={q.help?.th ?? ''}
          onChange={(e) => text('help', 'th', e.currentTarget.value)}
          error={errorAt(`${path}.help.th`)}
          autosize
        />
        <Textarea
          label={t('authoring.helpEn')}
          value={q.help?.en ?? ''}
          onChange={(e) => text('help', 'en', e.currentTarget.value)}
          error={errorAt(`${path}.help.en`)}
          autosize
        />
      </SimpleGrid>
      <Group gap="lg" align="flex-end" wrap="wrap">
        <Switch
          label={t('authoring.required')}
          checked={q.required}
          onChange={(e) => {
            const v = e.currentTarget.checked;
            onChange((d) => {
              d.required = v;
            });
          }}
        />
        <Checkbox.Group
          label={t('authoring.tracks')}
          value={q.tracks}
          onChange={(v) =>
            onChange((d) => {
              d.tracks = v as Question['tracks'];
            })
          }
          error={errorAt(`${path}.tracks`)}
        >
          <Group gap="sm" mt={4}>
            <Checkbox value="department" label={t('admin.agencies.trackName.department')} />
            <Checkbox value="province" label={t('admin.agencies.trackName.province')} />
          </Group>
        </Checkbox.Group>
        <Select
          label={t('authoring.evidence')}
          value={q.evidence}
          allowDeselect={false}
          onChange={(v) =>
            v &&
            onChange((d) => {
              d.evidence = v as Question['evidence'];
            })
          }
          data={[
            { value: 'none', label: t('authoring.evidenceNone') },
            { value: 'optional', label: t('authoring.evidenceOptional') },
            { value: 'required', label: t('authoring.evidenceRequired') },
          ]}
          w={240}
        />
      </Group>

      {OPTION_TYPES.has(q.type) && (
        <Fieldset legend={t('authoring.options')}>
          <Stack gap="xs">
            {(q.options ?? []).map((o, i) => (
              <Group key={o.code} gap="xs" align="flex-start" wrap="wrap">
                <TextInput
                  label={t('authoring.optionTh', { code: o.code })}
                  value={o.label.th}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    onChange((d) => {
                      const opt = d.options?.[i];
                      if (opt) opt.label.th = v;
                    });
                  }}
                  error={errorAt(`${path}.options[${i}].label.th`)}
                  style={{ flex: '1 1 180px', minWidth: 0 }}
                />
                <TextInput
                  label={t('authoring.optionEn', { code: o.code })}
                  value={o.label.en}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    onChange((d) => {
                      const opt = d.options?.[i];
                      if (opt) opt.label.en = v;
                    });
                  }}
                  error={errorAt(`${path}.options[${i}].label.en`)}
                  style={{ flex: '1 1 180px', minWidth: 0 }}
                />
                <ActionIcon
                  mt={28}
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('authoring.removeOption', { code: o.code })}
                  onClick={() => onChange((d) => void d.options?.splice(i, 1))}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('authoring.newOptionCode')}
                value={newCode}
                onChange={(e) => setNewCode(e.currentTarget.value.toLowerCase())}
                w={200}
              />
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                disabled={newCode === ''}
                onClick={() => {
                  onChange((d) => {
                    d.options = [...(d.options ?? []), { code: newCode, label: { th: newCode, en: newCode } }];
                  });
                  setNewCode('');
                }}
              >
                {t('authoring.addOption')}
              </Button>
            </Group>
            {errorAt(`${path}.options`) && <Input.Error>{errorAt(`${path}.options`)}</Input.Error>}
          </Stack>
        </Fieldset>
      )}

      <ConditionPicker
        label={t('authoring.showIf')}
        value={q.showIf}
        questions={earlier}
        optional
        onChange={(c) =>
          onChange((d) => {
            d.showIf = c;
          })
        }
      />
      {errorAt(`${path}.showIf`) && <Input.Error>{errorAt(`${path}.showIf`)}</Input.Error>}

      {(q.criteria ?? []).length > 0 && <Divider label={t('authoring.criteriaOf')} labelPosition="left" />}
      {(q.criteria ?? []).map((c, i) => (
        <CriterionEditor
          key={c.code}
          criterion={c}
          path={`${path}.criteria[${i}]`}
          questions={[...earlier, q]}
          errorAt={errorAt}
          onChange={(mutate) =>
            onChange((d) => {
              const crit = d.criteria?.[i];
              if (crit) mutate(crit);
            })
          }
        />
      ))}
    </Stack>
  );
}

function CriterionEditor({
  criterion: c,
  path,
  questions,
  errorAt,
  onChange,
}: {
  criterion: Criterion;
  path: string;
  questions: Question[];
  errorAt(p: string): string | undefined;
  onChange(mutate: (c: Criterion) => void): void;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('authoring.criterion', { code: c.code })}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('authoring.criterionTh')}
            value={c.label.th}
            onChange={(e) => {
              const v = e.currentTarget.value;
              onChange((d) => {
                d.label.th = v;
              });
            }}
            error={errorAt(`${path}.label.th`)}
          />
          <TextInput
            label={t('authoring.criterionEn')}
            value={c.label.en}
            onChange={(e) => {
              const v = e.currentTarget.value;
              onChange((d) => {
                d.label.en = v;
              });
            }}
            error={errorAt(`${path}.label.en`)}
          />
        </SimpleGrid>
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label={t('authoring.level')}
            data={['1', '2', '3', '4', '5']}
            value={String(c.level)}
            allowDeselect={false}
            onChange={(v) =>
              v &&
              onChange((d) => {
                d.level = Number(v) as Criterion['level'];
              })
            }
            error={errorAt(`${path}.level`)}
            w={140}
          />
          <NumberInput
            label={t('authoring.weight')}
            value={c.weight}
            min={0.01}
            max={100}
            onChange={(v) =>
              typeof v === 'number' &&
              onChange((d) => {
                d.weight = v;
              })
            }
            error={errorAt(`${path}.weight`)}
            w={120}
          />
          <Switch
            label={t('authoring.requiredCriterion')}
            checked={c.required}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              onChange((d) => {
                d.required = v;
              });
            }}
          />
        </Group>
        <ConditionPicker
          label={`${t('authoring.when')} (${c.code})`}
          value={c.when}
          questions={questions}
          optional={false}
          onChange={(w) =>
            w &&
            onChange((d) => {
              d.when = w;
            })
          }
        />
        {errorAt(`${path}.when`) && <Input.Error>{errorAt(`${path}.when`)}</Input.Error>}
      </Stack>
    </Fieldset>
  );
}

/** A pillar's level rules: scoring mode, the optional criteria share and the score cut points. */
export function LevelRulesEditor({
  pillar,
  path,
  errorAt,
  onChange,
}: {
  pillar: Pillar;
  path: string;
  errorAt(p: string): string | undefined;
  onChange(mutate: (p: Pillar) => void): void;
}) {
  const { t } = useTranslation();
  const s = pillar.scoring;
  const cuts = s.cutPoints ?? [40, 55, 70, 85];
  return (
    <Fieldset legend={t('authoring.levelRules', { pillar: pillar.key })}>
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('authoring.mode')}
          value={s.mode}
          allowDeselect={false}
          data={[
            { value: 'staged', label: t('authoring.modeStaged') },
            { value: 'score', label: t('authoring.modeScore') },
            { value: 'hybrid', label: t('authoring.modeHybrid') },
          ]}
          onChange={(v) =>
            v &&
            onChange((d) => {
              d.scoring.mode = v as Pillar['scoring']['mode'];
              if (v !== 'staged' && !d.scoring.cutPoints) d.scoring.cutPoints = [40, 55, 70, 85];
            })
          }
          error={errorAt(`${path}.scoring.mode`)}
          w={200}
        />
        <NumberInput
          label={t('authoring.minOptionalShare')}
          value={s.minOptionalShare}
          min={0}
          max={1}
          step={0.05}
          decimalScale={2}
          onChange={(v) =>
            typeof v === 'number' &&
            onChange((d) => {
              d.scoring.minOptionalShare = v;
            })
          }
          error={errorAt(`${path}.scoring.minOptionalShare`)}
          w={220}
        />
        {s.mode !== 'staged' &&
          cuts.map((cut, i) => (
            <NumberInput
              // biome-ignore lint/suspicious/noArrayIndexKey: four fixed cut points
              key={i}
              label={t('authoring.cutPoint', { level: i + 2 })}
              value={cut}
              min={0}
              max={100}
              onChange={(v) =>
                typeof v === 'number' &&
                onChange((d) => {
                  const next = [...(d.scoring.cutPoints ?? cuts)] as [number, number, number, number];
                  next[i] = v;
                  d.scoring.cutPoints = next;
                })
              }
              error={
                errorAt(`${path}.scoring.cutPoints[${i}]`) ??
                (i === 0 ? errorAt(`${path}.scoring.cutPoints`) : undefined)
              }
              w={150}
            />
          ))}
      </Group>
    </Fieldset>
  );
}
