import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../app/components/page-header';
import { DeliveriesTab } from '../components/deliveries-tab';
import { JobsTab } from '../components/jobs-tab';
import { ProvidersTab } from '../components/providers-tab';
import { TemplatesTab } from '../components/templates-tab';

const tabKeys = ['deliveries', 'templates', 'providers', 'jobs'] as const;

export default function NotifyCenterPage() {
  const { t } = useTranslation(['app', 'notify']);
  const [params, setParams] = useSearchParams();
  const current = tabKeys.find((key) => key === params.get('tab')) ?? 'deliveries';
  return (
    <>
      <PageHeader title={t('notify:center.title')} subtitle={t('notify:center.subtitle')} />
      <Card>
        <Tabs
          activeKey={current}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            {
              key: 'deliveries',
              label: <span data-testid="tab-deliveries">{t('notify:center.tabs.deliveries')}</span>,
              children: <DeliveriesTab />,
            },
            {
              key: 'templates',
              label: <span data-testid="tab-templates">{t('notify:center.tabs.templates')}</span>,
              children: <TemplatesTab />,
            },
            {
              key: 'providers',
              label: <span data-testid="tab-providers">{t('notify:center.tabs.providers')}</span>,
              children: <ProvidersTab />,
            },
            {
              key: 'jobs',
              label: <span data-testid="tab-jobs">{t('notify:center.tabs.jobs')}</span>,
              children: <JobsTab />,
            },
          ]}
        />
      </Card>
    </>
  );
}
