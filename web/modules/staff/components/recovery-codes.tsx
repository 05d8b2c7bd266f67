import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The ten recovery codes, shown once: copy them or keep them as a .txt file. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const text = `${t('twoFactor.codesFileHeader')}\n\n${codes.join('\n')}\n`;

  const copy = () => {
    navigator.clipboard
      .writeText(text)
      .then(() => message.success(t('twoFactor.codesCopied')))
      .catch(() => undefined);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('twoFactor.codesFileName');
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('twoFactor.codesHint')} />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
          gap: '6px 24px',
          padding: 16,
          background: '#f6f8fa',
          borderRadius: 8,
        }}
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <Typography.Text key={code} code style={{ fontSize: 15 }} data-testid="recovery-code">
            {code}
          </Typography.Text>
        ))}
      </div>
      <Flex gap={8}>
        <Button icon={<CopyOutlined />} onClick={copy} data-testid="recovery-codes-copy">
          {t('twoFactor.copyCodes')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download} data-testid="recovery-codes-download">
          {t('twoFactor.downloadCodes')}
        </Button>
      </Flex>
    </Flex>
  );
}
