import type { WorkbookIssueDto } from '@dg/shared/schemas/framework-authoring';
import { Alert, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FrameworkIssue } from './api';

/** The problems the server found in a framework document, each by its exact path. */
export function FrameworkIssues({
  title,
  issues,
  onClose,
}: {
  title: string;
  issues: readonly (FrameworkIssue | WorkbookIssueDto)[];
  onClose?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const thai = i18n.language !== 'en';
  return (
    <Alert
      color="red"
      title={title}
      role="alert"
      withCloseButton={onClose !== undefined}
      closeButtonLabel={t('admin.close')}
      onClose={onClose}
    >
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing={6} layout="fixed" data-testid="framework-issues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="38%">
                {t('admin.frameworks.path')}
              </Table.Th>
              <Table.Th scope="col" w="22%">
                {t('admin.frameworks.rule')}
              </Table.Th>
              <Table.Th scope="col">{t('admin.frameworks.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.map((issue, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id and never reorder
              <Table.Tr key={i}>
                <Table.Td>
                  {/* Long paths wrap at any character rather than push the problem text out of view. */}
                  <Code style={{ overflowWrap: 'anywhere' }}>
                    {'sheet' in issue
                      ? `${issue.sheet}${issue.row === null ? '' : `!${issue.column ?? ''}${issue.row}`}`
                      : issue.pathText || '(root)'}
                  </Code>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {issue.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{(thai && issue.messageTh) || issue.message}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Alert>
  );
}
