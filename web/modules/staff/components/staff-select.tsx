import { Select, type SelectProps, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbortError } from '../../../app/api';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useDebouncedValue } from '../../../app/data/use-debounced-value';
import { type Staff, staffApi } from '../staff.api';

const noStaff: Staff[] = [];

export interface StaffSelectProps
  extends Omit<SelectProps<string | null>, 'options' | 'onSearch' | 'showSearch'> {
  /** Label for the current value before any search, e.g. the department head's name from the list row. */
  initialLabel?: string | null;
  /** Only active staff by default: you rarely assign work to someone who has left. */
  includeDisabled?: boolean;
}

/** Picks one staff member by name, pinyin initials (zs → 张三) or phone tail, searching on the server. */
export function StaffSelect({ initialLabel, includeDisabled = false, value, ...rest }: StaffSelectProps) {
  const { t } = useTranslation('staff');
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search, 250);
  const found = useApiQuery<Staff[]>(
    ['staff', 'select', debounced, includeDisabled],
    (signal) =>
      staffApi
        .findStaff(
          {
            q: debounced || undefined,
            status: includeDisabled ? undefined : 'active',
            page: 1,
            pageSize: 20,
            sort: 'displayName',
            order: 'asc',
          },
          signal,
        )
        .then((page) => page.items)
        .catch((error: unknown) => {
          if (isAbortError(error)) throw error;
          return [];
        }),
    { quiet: true, keepPrevious: true },
  );
  const results = found.data ?? noStaff;
  const isLoading = found.fetching;

  const options = useMemo(() => {
    const list = results.map((staff) => ({
      value: staff.id,
      label: staff.departmentName ? `${staff.displayName}（${staff.departmentName}）` : staff.displayName,
    }));
    if (value && initialLabel && !list.some((option) => option.value === value)) {
      list.unshift({ value, label: initialLabel });
    }
    return list;
  }, [results, value, initialLabel]);

  return (
    <Select<string | null>
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('select.placeholder')}
      notFoundContent={isLoading ? <Spin size="small" /> : t('select.empty')}
      options={options}
      value={value}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      {...rest}
    />
  );
}
