import { PrinterOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  InputNumber,
  Segmented,
  Select,
  Space,
  Statistic,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { useProjectSelection } from '../../../app/data/projects';
import { compactAmount, compactPrice, formatTime } from '../../../app/format';
import { useLiveEvents, useLiveStatus } from '../../../app/live';
import { applyPatches, type Filters, matches, statsOf } from '../components/board-filters';
import { statusColors } from '../components/status-colors';
import { UnitDrawer } from '../components/unit-drawer';
import { type BoardCell, inventoryApi, m2, type UnitPatch, unitStatuses } from '../inventory.api';

export default function BoardPage() {
  const { t, i18n } = useTranslation('inventory');
  const { projects: salesProjects, projectId, setProjectId } = useProjectSelection({ kind: 'sales' });
  const board = useRequest((signal) => inventoryApi.board(projectId!, signal), projectId);
  const liveStatus = useLiveStatus();
  const [buildingId, setBuildingId] = useState<string>('all');
  const [filters, setFilters] = useState<Filters>({});
  const [openUnit, setOpenUnit] = useState<string | null>(null);
  const [drawerVersion, setDrawerVersion] = useState(0);
  const { setData, reload } = board;

  const onLive = useCallback(
    (event: { type: string; payload: unknown }) => {
      if (event.type === 'units.changed') {
        const patches = (event.payload as { units: UnitPatch[] }).units;
        setData((current) => (current ? applyPatches(current, patches) : current));
        if (openUnit && patches.some((patch) => patch.id === openUnit))
          setDrawerVersion((value) => value + 1);
      } else if (event.type === 'board.reload' || event.type === 'live.reset') reload();
    },
    [setData, reload, openUnit],
  );
  useLiveEvents(projectId ? [`board:${projectId}`] : [], onLive);

  const data = board.data;
  const layouts = useMemo(
    () =>
      [
        ...new Set(
          (data?.buildings ?? []).flatMap((building) => building.units.map((cell) => cell.l)).filter(Boolean),
        ),
      ].sort(),
    [data],
  );
  const shown = (data?.buildings ?? []).filter(
    (building) => buildingId === 'all' || building.id === buildingId,
  );
  const stats = useMemo(
    () => (data ? statsOf(shown.flatMap((building) => building.units)) : undefined),
    [data, shown],
  );

  return (
    <div className="inventory-board">
      <style>{`@media print { .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; } .inventory-board { zoom: 0.7; } .board-grid td { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }`}</style>
      <PageHeader
        title={t('board.title')}
        subtitle={
          <Space>
            <Badge
              status={liveStatus === 'open' ? 'success' : 'warning'}
              text={liveStatus === 'open' ? t('board.live') : t('board.offline')}
            />
            {data ? <span>{formatTime(data.serverTime, 'MM-DD HH:mm:ss')}</span> : null}
          </Space>
        }
        extra={
          <span className="no-print">
            <Space>
              <Select
                style={{ minWidth: 160 }}
                value={projectId ?? undefined}
                onChange={setProjectId}
                options={salesProjects.map((project) => ({ value: project.id, label: project.name }))}
                data-testid="board-project"
              />
              {projectId ? (
                <ExportButton
                  path={`/inventory/projects/${projectId}/board/export`}
                  fallbackFileName="sales-control.xlsx"
                  label={t('board.export')}
                />
              ) : null}
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('board.print')}
              </Button>
            </Space>
          </span>
        }
      />

      {stats ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={24} wrap align="center" data-testid="board-stats">
            <Statistic title={t('board.total')} value={stats.total} />
            <Statistic title={t('board.statSold')} value={stats.soldCount} />
            <Statistic title={t('board.statSoldArea')} value={stats.soldArea} suffix="㎡" />
            <Statistic
              title={t('board.statSoldAmount')}
              value={compactAmount(stats.soldAmountFen, i18n.language)}
            />
            <Statistic
              title={t('board.statAvailable')}
              value={compactAmount(stats.availableAmountFen, i18n.language)}
            />
            <Flex gap={6} wrap>
              {unitStatuses.map((status) => (
                <span
                  key={status}
                  data-testid={`legend-${status}`}
                  style={{
                    background: statusColors[status].background,
                    border: `1px solid ${statusColors[status].border}`,
                    color: statusColors[status].text,
                    borderRadius: 4,
                    padding: '0 8px',
                    fontSize: 12,
                  }}
                >
                  {t(`status.${status}`)} {stats.byStatus[status]}
                </span>
              ))}
            </Flex>
          </Flex>
        </Card>
      ) : null}

      <Flex gap={8} wrap align="center" className="no-print" style={{ marginBottom: 12 }}>
        <Segmented
          value={buildingId}
          onChange={(value) => setBuildingId(String(value))}
          options={[
            { value: 'all', label: t('board.allBuildings') },
            ...(data?.buildings ?? []).map((building) => ({ value: building.id, label: building.name })),
          ]}
        />
        <Select
          allowClear
          placeholder={t('board.layout')}
          style={{ width: 140 }}
          value={filters.layout}
          onChange={(layout) => setFilters({ ...filters, layout })}
          options={layouts.map((layout) => ({ value: layout, label: layout }))}
        />
        <Space.Compact>
          <InputNumber
            placeholder={`${t('board.area')} ${t('board.min')}`}
            style={{ width: 130 }}
            value={filters.areaMin}
            onChange={(areaMin) => setFilters({ ...filters, areaMin })}
          />
          <InputNumber
            placeholder={t('board.max')}
            style={{ width: 90 }}
            value={filters.areaMax}
            onChange={(areaMax) => setFilters({ ...filters, areaMax })}
          />
        </Space.Compact>
        <Space.Compact>
          <InputNumber
            placeholder={`${t('board.price')} ${t('board.min')}`}
            style={{ width: 150 }}
            value={filters.priceMin}
            onChange={(priceMin) => setFilters({ ...filters, priceMin })}
          />
          <InputNumber
            placeholder={t('board.max')}
            style={{ width: 90 }}
            value={filters.priceMax}
            onChange={(priceMax) => setFilters({ ...filters, priceMax })}
          />
        </Space.Compact>
        <Checkbox
          checked={filters.soldBeforeOnly ?? false}
          onChange={(event) => setFilters({ ...filters, soldBeforeOnly: event.target.checked })}
          data-testid="board-sold-before-only"
        >
          {t('board.soldBeforeOnly')}
        </Checkbox>
      </Flex>

      {data && shown.every((building) => building.units.length === 0) ? (
        <Empty description={t('board.empty')} />
      ) : null}
      {shown
        .filter((building) => building.units.length > 0)
        .map((building) => {
          const byFloor = new Map<number, Map<number, BoardCell>>();
          for (const cell of building.units) {
            if (!byFloor.has(cell.f)) byFloor.set(cell.f, new Map());
            byFloor.get(cell.f)!.set(cell.p, cell);
          }
          return (
            <Card
              key={building.id}
              size="small"
              title={building.name}
              extra={
                <Typography.Text type="secondary">{`${t('board.sold', { count: statsOf(building.units).soldCount })} / ${building.units.length}`}</Typography.Text>
              }
              style={{ marginBottom: 16 }}
              data-testid={`board-building-${building.name}`}
            >
              <div style={{ overflowX: 'auto' }}>
                <table className="board-grid" style={{ borderCollapse: 'separate', borderSpacing: 3 }}>
                  <tbody>
                    {building.floors.map((floor) => (
                      <tr key={floor}>
                        <th
                          style={{
                            fontWeight: 500,
                            color: '#8c8c8c',
                            paddingRight: 6,
                            whiteSpace: 'nowrap',
                            fontSize: 12,
                          }}
                        >
                          {t('board.floor', { floor })}
                        </th>
                        {building.positions.map((position) => {
                          const cell = byFloor.get(floor)?.get(position);
                          if (!cell) return <td key={position} />;
                          const colors = statusColors[cell.s];
                          const dim = !matches(cell, filters);
                          const holder = cell.hs ? (data?.staffNames[cell.hs] ?? '') : '';
                          return (
                            <td key={position}>
                              <Tooltip
                                title={
                                  <div>
                                    <div>{`${building.name}-${cell.n} · ${t(`status.${cell.s}`)}`}</div>
                                    <div>{`${cell.l} · ${m2(cell.a)}㎡ · ${cell.o}`}</div>
                                    {cell.sb === 1 ? <div>{t('board.soldBefore')}</div> : null}
                                    {cell.s === 'held' && cell.he ? (
                                      <div>
                                        {t('board.heldBy', {
                                          name: holder,
                                          time: formatTime(cell.he, 'HH:mm'),
                                        })}
                                      </div>
                                    ) : null}
                                  </div>
                                }
                              >
                                <button
                                  type="button"
                                  onClick={() => setOpenUnit(cell.i)}
                                  data-testid={`unit-${building.name}-${cell.n}`}
                                  data-status={cell.s}
                                  data-sold-before={cell.sb === 1 ? 'true' : undefined}
                                  style={{
                                    width: 76,
                                    minHeight: 48,
                                    padding: '2px 4px',
                                    cursor: 'pointer',
                                    textAlign: 'left',
                                    background: colors.background,
                                    border: `1px solid ${colors.border}`,
                                    color: colors.text,
                                    borderRadius: 4,
                                    opacity: dim ? 0.2 : 1,
                                    fontSize: 11,
                                    lineHeight: 1.35,
                                  }}
                                >
                                  <div style={{ fontWeight: 600, fontSize: 12 }}>
                                    {cell.n}
                                    {cell.sb === 1 ? (
                                      // A corner mark, readable in print too: 前 = sold before the system.
                                      <span
                                        title={t('board.soldBefore')}
                                        style={{
                                          float: 'right',
                                          fontSize: 10,
                                          padding: '0 2px',
                                          borderRadius: 2,
                                          background: '#531dab',
                                          color: '#fff',
                                        }}
                                      >
                                        {t('board.soldBeforeMark')}
                                      </span>
                                    ) : null}
                                  </div>
                                  <div>{`${m2(cell.a)}㎡`}</div>
                                  <div>
                                    {cell.tp === null
                                      ? t('board.noPrice')
                                      : compactPrice(cell.tp, i18n.language)}
                                  </div>
                                  {cell.s === 'held' ? (
                                    <div style={{ overflow: 'hidden', whiteSpace: 'nowrap' }}>{holder}</div>
                                  ) : null}
                                </button>
                              </Tooltip>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          );
        })}
      {projectId ? (
        <UnitDrawer
          unitId={openUnit}
          projectId={projectId}
          version={drawerVersion}
          onClose={() => setOpenUnit(null)}
        />
      ) : null}
    </div>
  );
}
