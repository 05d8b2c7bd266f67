import { Button, Flex, Progress, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface JobProgressProps {
  /** Done so far and the whole, in `unit`s (rows, recipients, bytes); total null while unknown. */
  done: number;
  total: number | null;
  unit?: 'rows' | 'items' | 'bytes';
  /** What is happening, e.g. "正在导出". */
  label?: ReactNode;
  /** Asks the job to stop; absent when it cannot be stopped any more. */
  onCancel?: () => void;
  /** The cancel was asked for and the job has not stopped yet. */
  isCancelling?: boolean;
  /** A narrow one-line form for toolbars. */
  compact?: boolean;
  testId?: string;
}

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Progress of a long job (an import, an export, a bulk send, a PDF) with the button that stops it. */
export function JobProgress({
  done,
  total,
  unit = 'rows',
  label,
  onCancel,
  isCancelling = false,
  compact = false,
  testId = 'job-progress',
}: JobProgressProps) {
  const { t } = useTranslation();
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : null;
  const amount =
    unit === 'bytes'
      ? total
        ? t('progress.bytesOf', { done: kilobytes(done), total: kilobytes(total) })
        : done > 0
          ? kilobytes(done)
          : t('progress.preparing')
      : total !== null
        ? t(`progress.${unit}Of`, { done, total })
        : t('progress.preparing');
  return (
    <Flex
      align="center"
      gap={8}
      wrap={!compact}
      data-testid={testId}
      data-percent={percent ?? ''}
      role="status"
      aria-live="polite"
      style={compact ? { minWidth: 0 } : { width: '100%' }}
    >
      {label ? <Typography.Text style={{ whiteSpace: 'nowrap' }}>{label}</Typography.Text> : null}
      <Progress
        percent={percent ?? 0}
        status={isCancelling ? 'exception' : 'active'}
        showInfo={percent !== null}
        size="small"
        style={compact ? { width: 120, margin: 0 } : { flex: '1 1 200px', margin: 0 }}
      />
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid={`${testId}-amount`}>
        {amount}
      </Typography.Text>
      {onCancel ? (
        <Button
          size="small"
          danger
          onClick={onCancel}
          disabled={isCancelling}
          data-testid={`${testId}-cancel`}
        >
          {isCancelling ? t('progress.cancelling') : t('progress.cancel')}
        </Button>
      ) : null}
    </Flex>
  );
}
