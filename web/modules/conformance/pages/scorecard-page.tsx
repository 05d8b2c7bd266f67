import { Segmented, Select, Space, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scorecardLevels, scorecardPeriods } from '../../../../contracts/conformance';
import type { Role } from '../../../../contracts/roles';
import { useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useApiQuery } from '../../../app/data/use-api-query';
import { projectDate, projectDaysFromToday } from '../../../app/format';
import { RescoreCard } from '../components/rescore-card';
import { ScorecardFigures } from '../components/scorecard-figures';
import { RecordsHiddenCard, SubjectsTable } from '../components/subjects-table';
import {
  conformanceApi,
  type Narrowing,
  type ScorecardLevel,
  type ScorecardPeriod,
  type SubjectFilters,
} from '../conformance.api';

const teamRoles: Role[] = ['admin', 'manager', 'dept_head'];
const defaultDays: Record<ScorecardPeriod, number> = { day: 13, week: 83, month: 179 };
const levelKey = { staff: 'staffId', desk: 'deskId', team: 'departmentId', project: 'projectId' } as const;

/** CONF: my scorecard for everyone; team scorecards (by person, desk, team, project) for heads, managers and the administrator. */
export default function ScorecardPage() {
  const { t } = useTranslation('conformance');
  const user = useCurrentUser();
  const seesTeams = user.roles.some((grant) => teamRoles.includes(grant.role));
  const isAdmin = user.roles.some((grant) => grant.role === 'admin');
  const [tab, setTab] = useState<'mine' | 'team'>(seesTeams ? 'team' : 'mine');
  const [level, setLevel] = useState<ScorecardLevel>('staff');
  const [period, setPeriod] = useState<ScorecardPeriod>('day');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    projectDaysFromToday(-13),
    projectDaysFromToday(0),
  ]);
  const [drill, setDrill] = useState<Partial<SubjectFilters>>({});
  const narrowing: Narrowing = {
    from: projectDate(range[0]),
    to: projectDate(range[1]),
    ...(tab === 'mine' ? { mine: 'true' as const } : {}),
  };
  const query = { ...narrowing, level: tab === 'mine' ? ('staff' as const) : level, period };
  const card = useApiQuery(
    ['conformance', 'scorecard', query],
    (signal) => conformanceApi.getScorecard(query, signal),
    {
      keepPrevious: true,
    },
  );
  const changePeriod = (next: ScorecardPeriod) => {
    setPeriod(next);
    setRange([projectDaysFromToday(-defaultDays[next]), projectDaysFromToday(0)]);
  };
  const content = (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {card.data ? (
        <ScorecardFigures
          card={card.data}
          showRows={tab === 'team'}
          onRule={(rule) => setDrill({ checkId: rule.checkId, status: 'missed' })}
          onRow={(row) => setDrill(row.key ? { [levelKey[query.level]]: row.key } : {})}
        />
      ) : null}
      {card.data?.recordsHidden ? (
        <RecordsHiddenCard />
      ) : (
        <SubjectsTable
          filters={{ ...narrowing, ...drill }}
          onClear={Object.keys(drill).length ? () => setDrill({}) : undefined}
        />
      )}
      {isAdmin && tab === 'team' ? <RescoreCard /> : null}
    </Space>
  );
  return (
    <>
      <PageHeader
        title={t('page.title')}
        subtitle={t('page.subtitle')}
        extra={
          <Space wrap>
            {tab === 'team' ? (
              <Select
                style={{ width: 130 }}
                value={level}
                onChange={(next) => {
                  setLevel(next);
                  setDrill({});
                }}
                options={scorecardLevels.map((value) => ({ value, label: t(`level.${value}`) }))}
                data-testid="scorecard-level"
              />
            ) : null}
            <Segmented<ScorecardPeriod>
              value={period}
              onChange={changePeriod}
              options={scorecardPeriods.map((value) => ({ value, label: t(`period.${value}`) }))}
            />
            <ZonedRangePicker
              allowClear={false}
              value={range}
              onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
            />
            <ExportButton
              path="/conformance/scorecard/export"
              query={{ ...query }}
              fallbackFileName="conformance.xlsx"
            />
          </Space>
        }
      />
      {seesTeams ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setTab(key as 'mine' | 'team');
            setDrill({});
          }}
          items={[
            { key: 'team', label: t('page.team'), children: tab === 'team' ? content : null },
            { key: 'mine', label: t('page.mine'), children: tab === 'mine' ? content : null },
          ]}
        />
      ) : (
        content
      )}
    </>
  );
}
