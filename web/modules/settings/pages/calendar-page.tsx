import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useUnsavedChanges } from '../../../app/components/unsaved-changes';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { nowInShanghai } from '../../../app/format';
import { type CalendarDay, type CalendarYear, calendarApi } from '../settings.api';

/** The administrator's dates of a year as the lines the form takes, so a save round-trips. */
function linesOf(year: CalendarYear | undefined): string {
  return (year?.days ?? [])
    .filter((day) => day.source === 'administrator')
    .map((day) => `${day.day} ${day.kind === 'rest' ? '休' : '班'}${day.name ? ` ${day.name}` : ''}`)
    .join('\n');
}

export default function CalendarPage() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const thisYear = nowInShanghai().year();
  const [year, setYear] = useState(thisYear + 1);
  const [text, setText] = useState('');
  const [isDirty, setDirty] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const [lineErrors, setLineErrors] = useState<Array<[number, string]>>([]);
  useUnsavedChanges(isDirty);

  const calendar = useApiQuery<CalendarYear>(['settings', 'calendar', year], (signal) =>
    calendarApi.findYear(year, signal),
  );

  useEffect(() => {
    if (calendar.data && calendar.data.year === year) {
      setText(linesOf(calendar.data));
      setDirty(false);
      setLineErrors([]);
    }
  }, [calendar.data, year]);

  const weekdays = t('calendar.weekdays').split(/[,，]/); // 简体 and 繁體 list them with Chinese commas
  const columns: TableColumnsType<CalendarDay> = [
    { title: t('calendar.columns.day'), dataIndex: 'day', width: 120 },
    {
      title: t('calendar.columns.weekday'),
      key: 'weekday',
      width: 70,
      render: (_, row) => weekdays[new Date(`${row.day}T00:00:00Z`).getUTCDay()],
    },
    {
      title: t('calendar.columns.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: CalendarDay['kind']) => (
        <Tag color={kind === 'rest' ? 'red' : 'blue'}>{t(`calendar.kind.${kind}`)}</Tag>
      ),
    },
    { title: t('calendar.columns.name'), dataIndex: 'name' },
    {
      title: t('calendar.columns.source'),
      dataIndex: 'source',
      width: 120,
      render: (source: CalendarDay['source']) => (
        <Tag color={source === 'administrator' ? 'purple' : 'default'}>{t(`calendar.source.${source}`)}</Tag>
      ),
    },
  ];

  const yearOptions = useMemo(
    () =>
      [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((value) => ({ value, label: String(value) })),
    [thisYear],
  );

  const save = async () => {
    setSaving(true);
    setLineErrors([]);
    try {
      const saved = await calendarApi.saveYear(year, text);
      calendar.setData(saved);
      setDirty(false);
      void message.success(t('calendar.saved', { count: saved.saved }));
    } catch (error) {
      if (isApiError(error) && error.fields) {
        // Fields are `lines.<n>`: every bad line, in the order of the text.
        setLineErrors(
          Object.entries(error.fields)
            .map(([path, text]): [number, string] => [Number(path.split('.')[1]), text])
            .sort((a, b) => a[0] - b[0]),
        );
      }
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const readFile = async (file: File) => {
    try {
      const result = await calendarApi.readXlsx(file);
      setText(result.text);
      setDirty(true);
      setLineErrors([]);
      void message.info(t('calendar.uploaded', { rows: result.rows }));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={
          <Flex align="center" gap={8}>
            <Typography.Text>{t('calendar.year')}</Typography.Text>
            <Select
              value={year}
              options={yearOptions}
              onChange={(value: number) => setYear(value)}
              style={{ width: 110 }}
              data-testid="calendar-year"
            />
          </Flex>
        }
      />
      {calendar.data && !calendar.data.packageCoversYear ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('calendar.notCovered', { year })}
          data-testid="calendar-not-covered"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <Card title={t('calendar.listTitle', { year })} styles={{ body: { padding: 0 } }}>
            <Table<CalendarDay>
              rowKey="day"
              size="small"
              columns={columns}
              dataSource={calendar.data?.days ?? []}
              loading={calendar.loading}
              pagination={false}
              scroll={{ y: 560 }}
              locale={{ emptyText: t('calendar.empty') }}
              data-testid="calendar-days"
            />
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card
            title={t('calendar.editTitle', { year })}
            extra={
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  void readFile(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="calendar-upload">
                  {t('calendar.upload')}
                </Button>
              </Upload>
            }
          >
            <Typography.Paragraph type="secondary">
              {t('calendar.editHelp')} {t('calendar.uploadHelp')}
            </Typography.Paragraph>
            <Input.TextArea
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setDirty(true);
              }}
              autoSize={{ minRows: 10, maxRows: 24 }}
              placeholder={`${year}-01-01 休 元旦\n${year}-02-06 班`}
              style={{ fontFamily: 'monospace' }}
              data-testid="calendar-lines"
            />
            {lineErrors.length > 0 ? (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 12 }}
                title={t('calendar.lineErrors')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {lineErrors.map(([line, text]) => (
                      <li key={line}>{text}</li>
                    ))}
                  </ul>
                }
                data-testid="calendar-line-errors"
              />
            ) : null}
            <Flex justify="end" style={{ marginTop: 12 }}>
              <ActionButton type="primary" loading={isSaving} onClick={save} data-testid="calendar-save">
                {t('calendar.save')}
              </ActionButton>
            </Flex>
          </Card>
        </Col>
      </Row>
    </>
  );
}
