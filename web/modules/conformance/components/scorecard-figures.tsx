import { Card, Col, Empty, Row, Statistic, Table } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { resolveLocale } from '../../../../contracts/locales';
import type { Scorecard } from '../conformance.api';
import { percentOf } from './status-tag';

type Rule = Scorecard['rules'][number];
type ScoreRow = Scorecard['rows'][number];

/** A scorecard's figures: the total, the trend, the rules worst first and the rows; a click drills down. */
export function ScorecardFigures({
  card,
  showRows,
  onRule,
  onRow,
}: {
  card: Scorecard;
  showRows: boolean;
  onRule: (rule: Rule) => void;
  onRow: (row: ScoreRow) => void;
}) {
  const { t, i18n } = useTranslation('conformance');
  const locale = resolveLocale(i18n.language);
  const tallyColumns = [
    {
      key: 'score',
      title: t('figures.score'),
      width: 72,
      render: (_: unknown, row: Rule | ScoreRow) => percentOf(row.score),
    },
    { key: 'met', title: t('figures.met'), dataIndex: 'met', width: 72 },
    { key: 'missed', title: t('figures.missed'), dataIndex: 'missed', width: 72 },
    { key: 'na', title: t('figures.notApplicable'), dataIndex: 'notApplicable', width: 72 },
  ];
  if (card.total.met + card.total.missed + card.total.notApplicable === 0)
    return <Empty description={t('figures.empty')} data-testid="scorecard-empty" />;
  return (
    <>
      <Row gutter={[12, 12]}>
        {(
          [
            ['score', percentOf(card.total.score)],
            ['met', card.total.met],
            ['missed', card.total.missed],
            ['notApplicable', card.total.notApplicable],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`figures.${key}`)} value={value} data-testid={`scorecard-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      {/* Side by side from 1200 px: on a tablet the rules' table would hide its counts behind a scroll. */}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('figures.trend')}>
            <ReactECharts
              style={{ height: 260 }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 36, right: 40, top: 32, bottom: 24 },
                xAxis: { type: 'category', data: card.trend.map((bucket) => bucket.start.slice(5)) },
                yAxis: [
                  { type: 'value', minInterval: 1 },
                  { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                ],
                series: [
                  {
                    name: t('figures.met'),
                    type: 'bar',
                    stack: 'n',
                    data: card.trend.map((bucket) => bucket.met),
                  },
                  {
                    name: t('figures.missed'),
                    type: 'bar',
                    stack: 'n',
                    data: card.trend.map((bucket) => bucket.missed),
                  },
                  {
                    name: t('figures.score'),
                    type: 'line',
                    yAxisIndex: 1,
                    data: card.trend.map((bucket) =>
                      bucket.score === null ? null : Math.round(bucket.score * 1000) / 10,
                    ),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('figures.rules')}>
            <Table<Rule>
              size="small"
              rowKey="checkId"
              pagination={false}
              // The rule's title wraps in the room the counts leave it, so the counts stay in view;
              // only a phone scrolls the table sideways.
              scroll={{ y: 220, x: 480 }}
              dataSource={card.rules}
              onRow={(rule) => ({ onClick: () => onRule(rule), style: { cursor: 'pointer' } })}
              data-testid="scorecard-rules"
              columns={[
                {
                  key: 'rule',
                  title: t('figures.rule'),
                  render: (_, rule) => `${rule.ruleId} ${rule.title[locale]}`,
                },
                ...tallyColumns,
              ]}
            />
          </Card>
        </Col>
      </Row>
      {showRows ? (
        <Card size="small" title={t('figures.rows')} style={{ marginTop: 12 }}>
          <Table<ScoreRow>
            size="small"
            rowKey={(row) => row.key || '-'}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={card.rows}
            onRow={(row) => ({ onClick: () => onRow(row), style: { cursor: 'pointer' } })}
            data-testid="scorecard-rows"
            columns={[
              {
                key: 'name',
                title: t('figures.name'),
                fixed: 'left',
                render: (_, row) => row.name || t('figures.none'),
              },
              ...tallyColumns,
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
