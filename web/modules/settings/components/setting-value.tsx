import { Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZonedTimeRangePicker } from '../../../app/components/zoned-pickers';
import type { SettingItem } from '../settings.api';
import { readTimeRange, type TimePair, writeTimeRange } from '../settings.rules';

/** A value as text, for the read-only cell and the "default: …" hint. */
export function useFormatSettingValue() {
  const { t } = useTranslation('settings');
  return (item: SettingItem, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('values.empty');
    switch (item.valueType) {
      case 'boolean':
        return value ? t('values.on') : t('values.off');
      case 'enum':
        return item.options?.find((option) => option.value === value)?.label ?? String(value);
      case 'integer_list':
        return Array.isArray(value) ? value.join('、') : String(value);
      case 'enum_list':
        if (!Array.isArray(value) || value.length === 0) return t('values.none');
        return value
          .map((entry) => item.options?.find((option) => option.value === entry)?.label ?? String(entry))
          .join('、');
      case 'time_range': {
        const pair = readTimeRange(value);
        return pair ? `${pair[0]} – ${pair[1]}` : String(value);
      }
      case 'integer':
      case 'number':
        return item.unit ? `${value} ${item.unit}` : String(value);
      default:
        return typeof value === 'string' ? value : JSON.stringify(value);
    }
  };
}

export function SettingValueView({ item }: { item: SettingItem }) {
  const format = useFormatSettingValue();
  const { value } = item;
  if (item.valueType === 'boolean') {
    return <Tag color={value ? 'success' : 'default'}>{format(item, value)}</Tag>;
  }
  if (item.valueType === 'integer_list' && Array.isArray(value) && value.length > 0) {
    return (
      <Space size={4} wrap>
        {value.map((entry) => (
          <Tag key={String(entry)}>{String(entry)}</Tag>
        ))}
        {item.unit ? <Typography.Text type="secondary">{item.unit}</Typography.Text> : null}
      </Space>
    );
  }
  if (item.valueType === 'enum_list' && Array.isArray(value) && value.length > 0) {
    return (
      <Space size={4} wrap>
        {value.map((entry) => (
          <Tag key={String(entry)} color="blue">
            {item.options?.find((option) => option.value === entry)?.label ?? String(entry)}
          </Tag>
        ))}
      </Space>
    );
  }
  return <Typography.Text strong>{format(item, value)}</Typography.Text>;
}

/** The input that fits the setting's valueType; `value` is always in the API's shape. */
export function SettingValueEditor({
  item,
  value,
  onChange,
  onEnter,
}: {
  item: SettingItem;
  value: unknown;
  onChange(value: unknown): void;
  onEnter(): void;
}) {
  const { t } = useTranslation('settings');
  const testId = `setting-input-${item.key}`;
  switch (item.valueType) {
    case 'integer':
    case 'number':
      return (
        <Space.Compact>
          <InputNumber
            autoFocus
            value={typeof value === 'number' ? value : null}
            min={item.min}
            max={item.max}
            precision={item.valueType === 'integer' ? 0 : undefined}
            onChange={(next) => onChange(next ?? undefined)}
            onPressEnter={onEnter}
            style={{ width: 160 }}
            data-testid={testId}
          />
          {item.unit ? <Space.Addon>{item.unit}</Space.Addon> : null}
        </Space.Compact>
      );
    case 'boolean':
      return (
        <Switch
          checked={Boolean(value)}
          onChange={onChange}
          checkedChildren={t('values.on')}
          unCheckedChildren={t('values.off')}
          data-testid={testId}
        />
      );
    case 'enum':
      return (
        <Select
          autoFocus
          value={value as string | number | undefined}
          options={item.options ?? []}
          onChange={onChange}
          style={{ minWidth: 200 }}
          data-testid={testId}
        />
      );
    case 'integer_list':
      return (
        <Select
          mode="tags"
          autoFocus
          value={Array.isArray(value) ? value.map(String) : []}
          tokenSeparators={[',', '，', ' ', '、']}
          placeholder={t('values.listPlaceholder')}
          onChange={(entries: string[]) =>
            onChange(entries.map((entry) => Number(entry.trim())).filter((entry) => !Number.isNaN(entry)))
          }
          open={false}
          style={{ minWidth: 260 }}
          suffixIcon={item.unit ?? null}
          data-testid={testId}
        />
      );
    case 'enum_list':
      return (
        <Select
          mode="multiple"
          autoFocus
          allowClear
          value={Array.isArray(value) ? value : []}
          options={item.options ?? []}
          placeholder={t('values.none')}
          onChange={(entries: Array<string | number>) => onChange(entries)}
          style={{ minWidth: 320 }}
          data-testid={testId}
        />
      );
    case 'time_range': {
      const pair = readTimeRange(value);
      return (
        <ZonedTimeRangePicker
          format="HH:mm"
          minuteStep={5}
          value={pair}
          onChange={(range) => {
            if (!range) return onChange(undefined);
            const next: TimePair = range;
            onChange(writeTimeRange(next, item.value ?? item.defaultValue));
          }}
          order={false}
          data-testid={testId}
        />
      );
    }
    default:
      return (
        <Input
          autoFocus
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          onPressEnter={onEnter}
          maxLength={item.max ?? 500}
          style={{ width: 320 }}
          data-testid={testId}
        />
      );
  }
}
