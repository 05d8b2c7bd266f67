import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Query } from '../api';
import { useErrorHandler } from '../errors';

export interface ExportButtonProps {
  /** API path under /api, e.g. `/staff/export`. */
  path: string;
  /** Current filters and sort, so the file matches what is on screen. */
  query?: Query;
  /** Used when the server sends no Content-Disposition file name. */
  fallbackFileName: string;
  label?: string;
  size?: ButtonProps['size'];
}

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking straight away can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Downloads an .xlsx export through fetch (so errors show as messages instead of a broken tab). */
export function ExportButton({ path, query, fallbackFileName, label, size }: ExportButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [isExporting, setExporting] = useState(false);

  const onClick = async () => {
    setExporting(true);
    try {
      const { blob, fileName } = await api.download(path, query, fallbackFileName);
      saveBlob(blob, fileName);
      void message.success(t('app:common.exported', { file: fileName }));
    } catch (error) {
      showError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button
      icon={<DownloadOutlined />}
      loading={isExporting}
      onClick={onClick}
      size={size}
      data-testid="export"
    >
      {isExporting ? t('app:common.exporting') : (label ?? t('app:actions.export'))}
    </Button>
  );
}
