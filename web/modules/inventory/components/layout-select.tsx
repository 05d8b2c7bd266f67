import { AutoComplete } from 'antd';
import { useTranslation } from 'react-i18next';
import { isAbortError } from '../../../app/api';
import { useApiQuery } from '../../../app/data/use-api-query';
import { inventoryApi, type ProjectLayout } from '../inventory.api';

/**
 * A customer's intended layout (意向户型): the project's own layouts to pick from, or any words the
 * customer used. A user who may not list the project's units still types freely.
 */
export function LayoutSelect({
  projectId,
  value,
  onChange,
  testId,
}: {
  projectId: string | null | undefined;
  value?: string;
  onChange?: (value: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation('inventory');
  const layouts = useApiQuery<ProjectLayout[]>(
    projectId ? ['inventory', 'layouts', projectId] : null,
    (signal) =>
      inventoryApi
        .findLayouts(projectId ?? '', signal)
        .then((result) => result.items)
        .catch((error: unknown) => {
          if (isAbortError(error)) throw error;
          return [];
        }),
    { quiet: true },
  );
  return (
    <AutoComplete
      value={value}
      onChange={(next) => onChange?.(next ?? '')}
      placeholder={t('layouts.placeholder')}
      allowClear
      data-testid={testId}
      options={(layouts.data ?? []).map((item) => ({
        value: item.layout,
        label: (
          <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>{item.layout}</span>
            <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('layouts.units', { count: item.unitCount })}</span>
          </span>
        ),
      }))}
      filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())}
    />
  );
}
