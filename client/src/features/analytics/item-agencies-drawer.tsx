import type { CrossBy, SegmentQuery } from '@dg/shared/schemas/analytics';
import { ItemAgenciesSchema } from '@dg/shared/schemas/item-agencies';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../lib/api';
import { AgencyListDrawer } from './agency-list-drawer';
import { base, qs, useLang } from './api';

/** One count of the explorer's tables: an option overall, or in one segment of a cross-tab. */
export interface ItemDrill {
  title: string;
  option: string;
  crossBy?: CrossBy;
  segment?: string;
}

/** Staff drill-down of the explorer: the agencies counted in the clicked cell, with ministry and province. */
export function ItemAgenciesDrawer({
  cycleId,
  code,
  seg,
  target,
  onClose,
}: {
  cycleId: number;
  code: string;
  seg: SegmentQuery;
  target: ItemDrill | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const path = target
    ? `${base(cycleId)}/items/${code}/agencies${qs({ ...seg, option: target.option, crossBy: target.crossBy, segment: target.segment })}`
    : '';
  const q = useQuery({
    queryKey: ['analytics', cycleId, 'item-agencies', path],
    queryFn: () => getJson(path, ItemAgenciesSchema),
    enabled: !!target,
    retry: false,
  });
  return (
    <AgencyListDrawer
      cycleId={cycleId}
      title={target ? target.title : null}
      query={q}
      lang={lang}
      after={[
        { header: t('analytics.ministry'), cell: (a) => a.ministry?.[lang] ?? '–' },
        { header: t('derivedUi.province'), cell: (a) => a.province?.[lang] ?? '–' },
      ]}
      testId="item-agency-drawer"
      onClose={onClose}
    />
  );
}
