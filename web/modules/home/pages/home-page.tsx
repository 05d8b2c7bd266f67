import { KeyOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Descriptions, Empty, Flex, Row, Segmented, Typography } from 'antd';
import { createElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../../../app/auth';
import { type Presence, presences } from '../../../app/auth.api';
import { presenceStatus } from '../../../app/components/presence-badge';
import { RoleTags } from '../../../app/components/role-tags';
import { useErrorHandler } from '../../../app/errors';
import { nowInShanghai } from '../../../app/format';
import { useVisibleMenu } from '../../../app/menu';
import { paths } from '../../../app/paths';
import { brandColor } from '../../../app/theme';
import { useProjects } from '../../org';

function greetingKey(hour: number): 'morning' | 'noon' | 'afternoon' | 'evening' {
  if (hour < 11) return 'morning';
  if (hour < 13) return 'noon';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

function PresenceCard() {
  const { t } = useTranslation('home');
  const user = useCurrentUser();
  const { setPresence } = useAuth();
  const { showError } = useErrorHandler();
  const [isSaving, setSaving] = useState(false);

  return (
    <Card title={t('presence')} style={{ height: '100%' }}>
      <Segmented<Presence>
        block
        disabled={isSaving}
        value={user.presence}
        onChange={(presence) => {
          setSaving(true);
          setPresence(presence)
            .catch(showError)
            .finally(() => setSaving(false));
        }}
        options={presences.map((presence) => ({
          value: presence,
          label: <Badge status={presenceStatus[presence]} text={t(`app:presence.${presence}`)} />,
        }))}
        data-testid="home-presence"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('presenceHint')}
      </Typography.Paragraph>
    </Card>
  );
}

export default function HomePage() {
  const { t, i18n } = useTranslation('home');
  const user = useCurrentUser();
  // Managers and agents may not be allowed to list projects; names are then left as ids.
  const { projectNames } = useProjects({ quiet: true });
  const links = useVisibleMenu().filter((item) => item.path !== '/');
  const now = nowInShanghai();
  const dateText = now.format(i18n.language === 'en' ? 'dddd, D MMMM YYYY' : 'YYYY年M月D日 dddd');

  return (
    <Flex vertical gap={16}>
      <Card
        styles={{ body: { padding: '28px 32px' } }}
        style={{ background: `linear-gradient(120deg, ${brandColor} 0%, #3d8bd9 100%)`, border: 'none' }}
      >
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="home-welcome">
          {t('welcome', { greeting: t(`greeting.${greetingKey(now.hour())}`), name: user.displayName })}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>
          {user.companyName} · {t('today', { date: dateText })}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title={t('myRoles')}
            style={{ height: '100%' }}
            extra={
              <Link to={paths.changePassword}>
                <Button icon={<KeyOutlined />} size="small">
                  {t('changePassword')}
                </Button>
              </Link>
            }
          >
            {user.roles.length > 0 ? (
              <RoleTags roles={user.roles} projectNames={projectNames} />
            ) : (
              <Typography.Text type="secondary">{t('noRoles')}</Typography.Text>
            )}
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              style={{ marginTop: 16 }}
              items={[
                { key: 'username', label: t('username'), children: user.username },
                { key: 'company', label: t('company'), children: user.companyName },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <PresenceCard />
        </Col>
      </Row>
      <Card title={t('quickLinks')}>
        {links.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noLinks')} />
        ) : (
          <Row gutter={[16, 16]}>
            {links.map((item) => (
              <Col key={item.key} xs={24} sm={12} xl={8}>
                <Link to={item.path} data-testid={`quick-${item.key}`}>
                  <Card hoverable size="small" styles={{ body: { padding: 16 } }}>
                    <Flex align="center" gap={14}>
                      <span
                        style={{
                          width: 40,
                          height: 40,
                          borderRadius: 10,
                          background: '#e8f0fb',
                          color: brandColor,
                          fontSize: 20,
                          display: 'inline-flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                          flex: 'none',
                        }}
                      >
                        {createElement(item.icon)}
                      </span>
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <Typography.Text strong>{t(item.labelKey)}</Typography.Text>
                        {item.descriptionKey ? (
                          <Typography.Paragraph type="secondary" ellipsis style={{ margin: 0, fontSize: 13 }}>
                            {t(item.descriptionKey)}
                          </Typography.Paragraph>
                        ) : null}
                      </div>
                      <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Flex>
  );
}
