import { Fieldset, Radio, Stack, Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { InputProps } from './types';

/** Rows x options, one radio per cell; header cells carry scope so each radio is announced with its row and column. */
export function MatrixInput({
  question,
  value,
  onChange,
  onBlur,
  lang,
  disabled,
  describedBy,
  labelledBy,
  inputId,
}: InputProps) {
  const { t } = useTranslation();
  const current =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
  const options = question.options ?? [];
  const set = (row: string, code: string) => onChange({ ...current, [row]: code });
  // A phone shows one of five columns of a table: there each row is a card of its own choices.
  const phone = useMediaQuery('(max-width: 48em)');
  if (phone) {
    return (
      <Stack gap="sm" aria-describedby={describedBy} data-matrix-cards>
        {(question.rows ?? []).map((r) => (
          <Fieldset key={r.code} legend={r.label[lang]} p="sm" radius="md">
            <Stack gap={8}>
              {options.map((o) => (
                <Radio
                  key={o.code}
                  name={`${inputId}-${r.code}`}
                  value={o.code}
                  label={o.label[lang]}
                  checked={current[r.code] === o.code}
                  onChange={() => set(r.code, o.code)}
                  onBlur={onBlur}
                  disabled={disabled}
                />
              ))}
            </Stack>
          </Fieldset>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} aria-labelledby={labelledBy}>
      <Table withTableBorder withColumnBorders verticalSpacing="sm" aria-describedby={describedBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('questionnaire.question.row')}</Table.Th>
            {options.map((o) => (
              <Table.Th key={o.code} scope="col" ta="center" fw={500} fz="sm">
                {o.label[lang]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(question.rows ?? []).map((r) => (
            <Table.Tr key={r.code}>
              <Table.Th scope="row" fw={400} fz="sm">
                {r.label[lang]}
              </Table.Th>
              {options.map((o) => (
                <Table.Td key={o.code} ta="center">
                  <Radio
                    name={`${inputId}-${r.code}`}
                    value={o.code}
                    checked={current[r.code] === o.code}
                    onChange={() => set(r.code, o.code)}
                    onBlur={onBlur}
                    disabled={disabled}
                    aria-label={`${r.label[lang]}: ${o.label[lang]}`}
                    styles={{ body: { justifyContent: 'center' } }}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
