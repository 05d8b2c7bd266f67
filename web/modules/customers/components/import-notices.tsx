import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportNotice } from '../customers.api';

/** Where a row of the file is: "1月 · 第 5 行" (rows are numbered per sheet). */
export function SheetRow({ sheetName, rowNumber }: { sheetName: string; rowNumber: number }) {
  const { t } = useTranslation('customers');
  return (
    <>
      {sheetName
        ? t('import.at', { sheet: sheetName, row: rowNumber })
        : t('import.atRow', { row: rowNumber })}
    </>
  );
}

/** Rows the import read something into: a key-customer kind (SA-3), a refused phone (SA-10), a supplied year. */
export function ImportNotices({ notices }: { notices: ImportNotice[] }) {
  const { t } = useTranslation('customers');
  if (!notices.length) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('import.noticesTitle')}
      </Typography.Title>
      <Table<ImportNotice>
        rowKey={(row) => `${row.sheetName}\u0000${row.rowNumber}`}
        size="small"
        pagination={{ pageSize: 10, showSizeChanger: false }}
        dataSource={notices}
        data-testid="import-notices"
        columns={[
          {
            key: 'row',
            title: t('import.row'),
            width: 160,
            render: (_, row) => <SheetRow sheetName={row.sheetName} rowNumber={row.rowNumber} />,
          },
          { key: 'name', title: t('fields.name'), dataIndex: 'name', width: 140 },
          {
            key: 'notice',
            title: t('import.recognised'),
            render: (_, row) => (
              <Space wrap size={[4, 4]}>
                {row.keyKind ? <Tag color="gold">{t(`keyKinds.${row.keyKind}`)}</Tag> : null}
                {row.isPhoneRefused ? <Tag color="purple">{t('import.phoneRefusedTag')}</Tag> : null}
                {row.warnings.map((warning) => (
                  <Typography.Text key={warning} type="warning">
                    {warning}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
