import { Card, Flex, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../../app/api';
import { ActionButton } from '../../../app/components/action-button';
import { LanguageSwitch } from '../../../app/components/language-switch';
import { customersApi } from '../customers.api';

/** Public page behind the link in a campaign SMS (SA-18): one tap withdraws marketing consent. */
export default function UnsubscribePage() {
  const { t } = useTranslation('customers');
  const { token = '' } = useParams();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const [error, setError] = useState('');
  const confirm = async () => {
    setState('busy');
    try {
      await customersApi.unsubscribe(token);
      setState('done');
    } catch (failure) {
      setError(isApiError(failure) ? failure.message : t('unsubscribe.failed'));
      setState('failed');
    }
  };
  return (
    <Flex vertical style={{ minHeight: '100vh', padding: 16, background: '#f3f5f8' }}>
      <Flex justify="flex-end">
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center">
        <Card style={{ width: '100%', maxWidth: 420 }}>
          {state === 'done' ? (
            <Result status="success" title={t('unsubscribe.done')} />
          ) : state === 'failed' ? (
            <Result status="warning" title={error} />
          ) : (
            <Result
              status="info"
              title={t('unsubscribe.title')}
              extra={
                <ActionButton
                  type="primary"
                  loading={state === 'busy'}
                  onClick={confirm}
                  data-testid="unsubscribe-confirm"
                >
                  {t('unsubscribe.confirm')}
                </ActionButton>
              }
            />
          )}
        </Card>
      </Flex>
    </Flex>
  );
}
