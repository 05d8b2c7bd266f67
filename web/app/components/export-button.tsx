import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isAbortError, type Query } from '../api';
import { useErrorHandler } from '../errors';
import { JobProgress } from './job-progress';

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

/** Saves a downloaded file under `fileName`, as a click on a download link would. */
export function saveBlob(blob: Blob, fileName: string) {
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

interface DownloadProgress {
  received: number;
  total: number | null;
}

/**
 * Downloads a file through fetch with its progress, and a cancel that aborts the request (the
 * server stops building the file when the request goes away). Nothing is saved when cancelled.
 */
export function useDownload() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  useEffect(() => () => controllerRef.current?.abort(), []);

  const start = useCallback(
    async (path: string, query: Query | undefined, fallbackFileName: string) => {
      if (controllerRef.current) return;
      const controller = new AbortController();
      controllerRef.current = controller;
      setProgress({ received: 0, total: null });
      try {
        const { blob, fileName } = await api.download(path, query, fallbackFileName, {
          signal: controller.signal,
          onProgress: (received, total) => setProgress({ received, total }),
        });
        if (controller.signal.aborted) return;
        saveBlob(blob, fileName);
        void message.success(t('common.exported', { file: fileName }));
      } catch (error) {
        if (isAbortError(error) || controller.signal.aborted) {
          void message.info(t('progress.downloadCancelled'));
          return;
        }
        showError(error);
      } finally {
        if (controllerRef.current === controller) controllerRef.current = null;
        setProgress(null);
      }
    },
    [message, showError, t],
  );

  const cancel = useCallback(() => controllerRef.current?.abort(), []);
  return { progress, start, cancel };
}

export interface DownloadButtonProps extends ExportButtonProps {
  icon?: ReactNode;
  /** Shown beside the progress, e.g. "正在导出". */
  workingLabel?: string;
  testId?: string;
}

/** A button that downloads a file and, while it does, shows its progress and a cancel button instead. */
export function DownloadButton({
  path,
  query,
  fallbackFileName,
  label,
  size,
  icon,
  workingLabel,
  testId = 'download',
}: DownloadButtonProps) {
  const { progress, start, cancel } = useDownload();
  if (progress)
    return (
      <JobProgress
        compact
        unit="bytes"
        done={progress.received}
        total={progress.total}
        label={workingLabel}
        onCancel={cancel}
        testId={`${testId}-progress`}
      />
    );
  return (
    <Button
      icon={icon ?? <DownloadOutlined />}
      onClick={() => void start(path, query, fallbackFileName)}
      size={size}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/** Downloads an .xlsx export through fetch (so errors show as messages instead of a broken tab). */
export function ExportButton({ path, query, fallbackFileName, label, size }: ExportButtonProps) {
  const { t } = useTranslation();
  return (
    <DownloadButton
      path={path}
      query={query}
      fallbackFileName={fallbackFileName}
      label={label ?? t('actions.export')}
      workingLabel={t('common.exporting')}
      size={size}
      testId="export"
    />
  );
}
