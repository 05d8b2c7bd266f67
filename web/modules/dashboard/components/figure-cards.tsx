import { Card, Col, Progress, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { compactPrice } from '../../../app/format';
import type { SalesDashboard } from '../dashboard.api';

function percentOf(value: number, target: number | null): number | null {
  if (target === null || target === 0) return null;
  return Math.round((value / target) * 1000) / 10;
}

/** The period's headline figures, and units and amount sold against the months' target. */
export function FigureCards({ data }: { data: SalesDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const f = data.figures;
  const unitsPercent = percentOf(f.unitsSold, f.targetUnits);
  const amountPercent = percentOf(f.amountFen, f.targetAmountFen);
  const small = (key: 'calls' | 'visits' | 'registered', value: number) => (
    <Col xs={8} md={4} key={key}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic title={t(`figures.${key}`)} value={value} />
      </Card>
    </Col>
  );
  const target = (
    label: string,
    shown: string,
    targetText: string,
    percent: number | null,
    testId: string,
  ) => (
    <Col xs={24} md={6}>
      <Card size="small" data-testid={testId} style={{ height: '100%' }}>
        <Statistic title={label} value={shown} />
        <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
          {percent === null ? t('figures.noTarget') : `${t('figures.target')} ${targetText}`}
        </div>
        {percent !== null ? (
          <Progress percent={Math.min(percent, 100)} format={() => `${percent}%`} size="small" />
        ) : null}
      </Card>
    </Col>
  );
  return (
    // One height for the row: the target cards carry a line more than the counts beside them.
    <Row gutter={[12, 12]} align="stretch">
      {small('calls', f.calls)}
      {small('visits', f.visits)}
      {small('registered', f.registered)}
      {target(
        t('figures.unitsSold'),
        String(f.unitsSold),
        String(f.targetUnits ?? ''),
        unitsPercent,
        'dashboard-units',
      )}
      {target(
        t('figures.amount'),
        compactPrice(f.amountFen, i18n.language),
        compactPrice(f.targetAmountFen, i18n.language),
        amountPercent,
        'dashboard-amount',
      )}
    </Row>
  );
}
