import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../app/errors';
import { dealsApi } from '../deals.api';

/** Uploads one ID copy / authorisation / signed statement (image or PDF; the server checks the bytes). */
export function UploadButton({
  projectId,
  kind,
  value,
  onChange,
  testId,
}: {
  projectId: string;
  kind: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation('deals');
  const { showError } = useErrorHandler();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept="image/jpeg,image/png,image/webp,application/pdf"
      showUploadList={false}
      beforeUpload={async (file) => {
        setBusy(true);
        try {
          const uploaded = await dealsApi.upload(projectId, kind, file);
          onChange?.(uploaded.id);
        } catch (error) {
          showError(error);
        } finally {
          setBusy(false);
        }
        return false;
      }}
    >
      <Button
        icon={<UploadOutlined />}
        loading={busy}
        data-testid={testId}
        type={value ? 'default' : 'dashed'}
      >
        {value ? `✓ ${t('agreement.uploaded')}` : t('agreement.upload')}
      </Button>
    </Upload>
  );
}
