import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { callsApi } from '../calls.api';
import { ContactsTab } from '../components/admin/contacts-tab';
import { CtiTab } from '../components/admin/cti-tab';
import { PurposesTab } from '../components/admin/purposes-tab';
import { ScriptsTab } from '../components/admin/scripts-tab';
import { WorkplacesTab } from '../components/admin/workplaces-tab';

export default function AdminPage() {
  const { t } = useTranslation();
  const desks = useApiQuery(['calls', 'setup-desks'], (signal) => callsApi.findSetupDesks(signal));
  const list = desks.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('calls:admin.title')} />
      <Tabs
        items={[
          {
            key: 'cti',
            label: t('calls:admin.cti'),
            children: <CtiTab desks={list} reload={desks.reload} />,
          },
          {
            key: 'scripts',
            label: t('calls:admin.scripts'),
            children: list.length ? <ScriptsTab desks={list} /> : null,
          },
          { key: 'purposes', label: t('calls:admin.purposes'), children: <PurposesTab /> },
          {
            key: 'contacts',
            label: t('calls:admin.contacts'),
            children: list.length ? <ContactsTab desks={list} /> : null,
          },
          {
            key: 'workplaces',
            label: t('calls:admin.workplaces'),
            children: <WorkplacesTab projectId={list[0]?.projectId} />,
          },
        ]}
      />
    </>
  );
}
