import {
  addIndicator,
  addPillar,
  addQuestion,
  removeIndicator,
  removePillar,
  removeQuestion,
} from '@dg/shared/domain/framework-draft-edits';
import type { Framework } from '@dg/shared/schemas/framework';
import { Button, Group, Text } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const firstCode = (fw: Framework, pi: number, ii: number) =>
  fw.pillars[pi]?.indicators[ii]?.questions[0]?.code ??
  fw.pillars[pi]?.indicators[0]?.questions[0]?.code ??
  fw.pillars[0]?.indicators[0]?.questions[0]?.code ??
  null;

/**
 * Adds and removes questions, indicators and pillars of the draft. Each edit goes through the
 * shared pure functions; whatever it breaks (a condition reading a removed question) shows at once
 * in the validation summary, and nothing is stored until the draft is saved.
 */
export function FrameworkStructureBar({
  framework,
  at,
  disabled,
  onEdit,
}: {
  framework: Framework;
  at: { pi: number; ii: number; qi: number } | null;
  disabled: boolean;
  /** Applies the edit to the draft and selects the question given. */
  onEdit(edit: (d: Framework) => void, select: string | null): void;
}) {
  const { t } = useTranslation();
  // The edits are deterministic: run once on a copy to learn what to select, then on the draft.
  const run = (edit: (d: Framework) => string | null) => {
    const probe = structuredClone(framework);
    const select = edit(probe);
    onEdit((d) => void edit(d), select);
  };
  const pillar = at ? framework.pillars[at.pi] : undefined;
  const indicator = at ? pillar?.indicators[at.ii] : undefined;
  const add = (label: string, onClick: () => void, testId: string) => (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconPlus size={14} aria-hidden />}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      {label}
    </Button>
  );
  const remove = (label: string, onClick: () => void, testId: string) => (
    <Button
      size="xs"
      variant="subtle"
      color="#b71c1c"
      leftSection={<IconMinus size={14} aria-hidden />}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      {label}
    </Button>
  );
  return (
    <Group gap="xs" wrap="wrap" role="toolbar" aria-label={t('authoring.structure')}>
      <Text size="sm" fw={500}>
        {t('authoring.structure')}
      </Text>
      {at && add(t('authoring.addQuestion'), () => run((d) => addQuestion(d, at.pi, at.ii, at.qi)), 'add-question')}
      {at &&
        remove(
          t('authoring.removeQuestion'),
          () =>
            run((d) => {
              removeQuestion(d, at.pi, at.ii, at.qi);
              return firstCode(d, at.pi, at.ii);
            }),
          'remove-question',
        )}
      {at &&
        add(
          t('authoring.addIndicator', { pillar: pillar?.key }),
          () => run((d) => addIndicator(d, at.pi)),
          'add-indicator',
        )}
      {at &&
        remove(
          t('authoring.removeIndicator', { indicator: indicator?.code }),
          () =>
            run((d) => {
              removeIndicator(d, at.pi, at.ii);
              return firstCode(d, at.pi, 0);
            }),
          'remove-indicator',
        )}
      {add(t('authoring.addPillar'), () => run((d) => addPillar(d)), 'add-pillar')}
      {at &&
        remove(
          t('authoring.removePillar', { pillar: pillar?.key }),
          () =>
            run((d) => {
              removePillar(d, at.pi);
              return firstCode(d, 0, 0);
            }),
          'remove-pillar',
        )}
    </Group>
  );
}
