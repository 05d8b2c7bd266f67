import { App, Flex, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../../app/components/action-button';
import { useErrorHandler } from '../../../../app/errors';
import { formatTime } from '../../../../app/format';
import { type CallDesk, callsApi } from '../../calls.api';

/** The CTI switch and signing secret of each desk (shown whole once, at rotation). */
export function CtiTab({ desks, reload }: { desks: CallDesk[]; reload: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { showError } = useErrorHandler();
  const rotate = (desk: CallDesk) =>
    modal.confirm({
      title: t('admin.rotate', { ns: 'calls' }),
      content: t('calls:admin.rotateConfirm'),
      onOk: async () => {
        try {
          const result = await callsApi.rotateSecret(desk.id);
          reload();
          modal.success({
            title: t('calls:admin.secretOnce'),
            width: 560,
            content: (
              <Flex vertical gap={8}>
                <Typography.Text copyable code data-testid="cti-secret">
                  {result.secret}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('calls:admin.webhook')}: {window.location.origin}/api/cti/events · x-yingke-desk:{' '}
                  {desk.id}
                </Typography.Text>
              </Flex>
            ),
          });
        } catch (error) {
          showError(error);
        }
      },
    });
  return (
    <Table<CallDesk>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={desks}
      columns={[
        {
          key: 'name',
          title: t('calls:history.desk'),
          render: (_, desk) => `${desk.projectName} · ${desk.name}`,
        },
        {
          key: 'secret',
          title: t('calls:admin.secret'),
          render: (_, desk) => (desk.cti.secretHint ? <Tag>…{desk.cti.secretHint}</Tag> : '—'),
        },
        { key: 'rotated', title: '', render: (_, desk) => formatTime(desk.cti.rotatedAt) },
        {
          key: 'last',
          title: t('calls:admin.lastEvent'),
          render: (_, desk) =>
            desk.cti.lastEventAt ? formatTime(desk.cti.lastEventAt) : t('calls:admin.never'),
        },
        {
          key: 'enabled',
          title: t('calls:admin.enabled'),
          render: (_, desk) =>
            desk.cti.secretHint ? (
              <Switch
                checked={desk.cti.isEnabled}
                onChange={(checked) => callsApi.setCtiEnabled(desk.id, checked).then(reload).catch(showError)}
              />
            ) : null,
        },
        {
          key: 'actions',
          render: (_, desk) => (
            <ActionButton size="small" onClick={() => rotate(desk)} data-testid="rotate-secret">
              {t('calls:admin.rotate')}
            </ActionButton>
          ),
        },
      ]}
    />
  );
}
