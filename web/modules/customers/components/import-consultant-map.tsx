import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportConsultantName, ImportPreview } from '../customers.api';

/** The importer's choice per name: a staff id, '' for unassigned; a name not yet chosen is absent. */
export type ConsultantChoices = Record<string, string>;

/** Each name's first suggestion, or unassigned when there is none. */
export function suggestedChoices(names: ImportConsultantName[]): ConsultantChoices {
  return Object.fromEntries(names.map((entry) => [entry.name, entry.suggestions[0]?.staffId ?? '']));
}

/**
 * The consultant names of the file that match no consultant of the project (张经理, 小王, a
 * nickname), each mapped once to a colleague, the importer, or nobody.
 */
export function ImportConsultantMap({
  preview,
  me,
  choices,
  onChange,
}: {
  preview: ImportPreview;
  me: { id: string; displayName: string } | null;
  choices: ConsultantChoices;
  onChange: (next: ConsultantChoices) => void;
}) {
  const { t } = useTranslation('customers');
  const left = preview.consultantNames.filter((entry) => !(entry.name in choices)).length;
  const options = (entry: ImportConsultantName) => {
    const suggested = new Set(entry.suggestions.map((suggestion) => suggestion.staffId));
    const others = preview.consultants.filter((person) => !suggested.has(person.id) && person.id !== me?.id);
    return [
      ...(entry.suggestions.length
        ? [
            {
              label: t('import.suggested'),
              options: entry.suggestions.map((suggestion) => ({
                value: suggestion.staffId,
                label:
                  suggestion.staffId === me?.id
                    ? t('import.me', { name: suggestion.displayName })
                    : suggestion.displayName,
              })),
            },
          ]
        : []),
      ...(preview.importerIsConsultant && me && !suggested.has(me.id)
        ? [{ value: me.id, label: t('import.me', { name: me.displayName }) }]
        : []),
      { value: '', label: t('import.unassigned') },
      ...(others.length
        ? [
            {
              label: t('import.allConsultants'),
              options: others.map((person) => ({ value: person.id, label: person.displayName })),
            },
          ]
        : []),
    ];
  };
  return (
    <div data-testid="import-consultants" style={{ marginBottom: 16 }}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('import.consultantsTitle')}
        </Typography.Title>
        <Button
          size="small"
          onClick={() => onChange({ ...suggestedChoices(preview.consultantNames), ...choices })}
        >
          {t('import.useSuggestions')}
        </Button>
        {left ? <Tag color="orange">{t('import.unmappedLeft', { count: left })}</Tag> : null}
      </Space>
      <Alert type="info" showIcon title={t('import.consultantsHint')} style={{ marginBottom: 8 }} />
      <Table<ImportConsultantName>
        rowKey="name"
        size="small"
        pagination={false}
        scroll={{ y: 320 }}
        dataSource={preview.consultantNames}
        columns={[
          {
            key: 'name',
            title: t('import.consultantName'),
            render: (_, entry) => (
              <Space>
                <Typography.Text strong>{entry.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('import.consultantRows', { count: entry.rows })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'assign',
            title: t('import.assignTo'),
            width: 280,
            render: (_, entry) => (
              <Select
                style={{ width: '100%' }}
                placeholder={t('import.assignPlaceholder')}
                value={choices[entry.name]}
                options={options(entry)}
                onChange={(value: string) => onChange({ ...choices, [entry.name]: value })}
                data-testid={`import-consultant-${entry.name}`}
                aria-label={`${t('import.assignTo')} ${entry.name}`}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
