import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../../../app/auth';
import { LanguageSwitch } from '../../../app/components/language-switch';
import { useErrorHandler } from '../../../app/errors';
import { paths } from '../../../app/paths';
import { TwoFactorEnrolment } from '../components/two-factor-enrolment';

/** Full screen: the company requires two-step verification of this person's role and it is not set up. */
export default function TwoFactorSetupPage() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  const { logout, refresh } = useAuth();
  const { showError } = useErrorHandler();
  const navigate = useNavigate();

  return (
    <Flex vertical style={{ minHeight: '100vh', padding: 24, background: '#f3f5f8' }}>
      <Flex justify="flex-end">
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center">
        <Card style={{ width: '100%', maxWidth: 520 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('twoFactor.setupTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {user.displayName}（{user.username}）
          </Typography.Paragraph>
          <Alert type="info" showIcon title={t('twoFactor.setupForcedHint')} style={{ marginBottom: 20 }} />
          <TwoFactorEnrolment
            onDone={() => {
              void refresh().then(() => navigate(paths.home, { replace: true }));
            }}
          />
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={() => {
              logout()
                .then(() => navigate(paths.login, { replace: true }))
                .catch(showError);
            }}
            data-testid="logout"
          >
            {t('twoFactor.logoutInstead')}
          </Button>
        </Card>
      </Flex>
    </Flex>
  );
}
