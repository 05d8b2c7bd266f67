import { Select, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../app/components/page-header';
import { useProjectSelection } from '../../../app/data/projects';
import { AgreementsTable, FilesTable, HeldUnits, PlansTable } from '../components/deal-list-tables';
import { DepositsTable } from '../components/deposits-table';
import { ReceiptsTable } from '../components/receipts-table';

type TabKey = 'held' | 'plans' | 'deposits' | 'agreements' | 'files' | 'receipts';

export default function DealsPage() {
  const { t } = useTranslation('deals');
  const [params, setParams] = useSearchParams();
  const { projects: salesProjects, projectId, setProjectId } = useProjectSelection({ kind: 'sales' });
  const tab = (params.get('tab') as TabKey | null) ?? 'held';
  const tabs: Array<{ key: TabKey; label: string; render: (projectId: string) => React.ReactNode }> = [
    { key: 'held', label: t('tabs.held'), render: (id) => <HeldUnits projectId={id} /> },
    { key: 'plans', label: t('tabs.plans'), render: (id) => <PlansTable projectId={id} /> },
    { key: 'deposits', label: t('tabs.deposits'), render: (id) => <DepositsTable projectId={id} /> },
    { key: 'agreements', label: t('tabs.agreements'), render: (id) => <AgreementsTable projectId={id} /> },
    { key: 'files', label: t('tabs.files'), render: (id) => <FilesTable projectId={id} /> },
    { key: 'receipts', label: t('tabs.receipts'), render: (id) => <ReceiptsTable projectId={id} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('menu.deals')}
        subtitle={t('menu.dealsDescription')}
        extra={
          <Select
            style={{ width: 200 }}
            value={projectId}
            onChange={setProjectId}
            options={salesProjects.map((project) => ({ value: project.id, label: project.name }))}
            data-testid="deals-project"
          />
        }
      />
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams({ tab: key })}
        items={tabs.map((item) => ({
          key: item.key,
          label: <span data-testid={`deals-tab-${item.key}`}>{item.label}</span>,
          children: projectId ? item.render(projectId) : null,
        }))}
      />
    </>
  );
}
