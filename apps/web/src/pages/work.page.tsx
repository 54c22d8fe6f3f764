import { Alert, Card, Col, Empty, Grid, Input, List, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, TaskListItem } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { formatDate, STATUS_LABELS, statusLabel, todayLocal } from '../format';
import { ExportButton } from '../tasks/export-button';
import { useRecordTime } from '../record-time/record-time';
import { byUrgency, COUNTER_LABELS, Counter, daysLeftLabel, inCounter } from '../tasks/urgency';

/** `/`: the office's own work — counters that open their lists, and the list most urgent first. */
export function WorkPage({ me }: { me: Me }) {
  const screens = Grid.useBreakpoint();
  const offices = useOffices();
  const today = todayLocal();
  // The overview's numbers open this list for one office and status.
  const [params] = useSearchParams();
  const office = params.get('office') ?? me.office;
  const [counter, setCounter] = useState<Counter | null>(null);
  const [plan, setPlan] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>(params.get('status') ?? undefined);
  const [text, setText] = useState('');

  const rt = useRecordTime();
  const tasks = useQuery({
    queryKey: ['tasks', office, rt],
    queryFn: () => unwrap(api.GET('/v1/tasks', { params: { query: { office, limit: 500, ...rt } } })),
  });
  const items = useMemo(() => tasks.data?.items ?? [], [tasks.data]);
  const planIds = [...new Set(items.map((t) => t.planId))];
  const plans = useQueries({
    queries: planIds.map((id) => ({
      queryKey: ['plan', id],
      staleTime: 5 * 60_000,
      queryFn: () => unwrap(api.GET('/v1/plans/{id}', { params: { path: { id } } })),
    })),
  });
  const planTitle = (id: string) => plans[planIds.indexOf(id)]?.data?.title ?? 'Kế hoạch';

  const shown = items
    .filter((t) => (counter ? inCounter(t, counter, today) : true))
    .filter((t) => (plan ? t.planId === plan : true))
    .filter((t) => (status ? t.status === status : true))
    .filter((t) => (text ? `${t.title} ${t.criterion ?? ''}`.toLowerCase().includes(text.toLowerCase()) : true))
    .sort(byUrgency);
  const withDeadline = shown.filter((t) => t.status !== 'NO_DEADLINE');
  const noDeadline = shown.filter((t) => t.status === 'NO_DEADLINE');

  const columns = [
    { title: 'Nhiệm vụ', dataIndex: 'title', render: (_: string, t: TaskListItem) => <Link to={`/tasks/${t.id}`}>{t.title}</Link> },
    { title: 'Kế hoạch', dataIndex: 'planId', render: (id: string) => planTitle(id), responsive: ['lg' as const] },
    { title: 'Thời hạn', dataIndex: 'dueOn', render: (d: string | null) => formatDate(d) || 'Chưa có' },
    { title: 'Còn lại', key: 'left', render: (_: unknown, t: TaskListItem) => daysLeftLabel(t, today) },
    { title: 'Tình trạng', dataIndex: 'status', render: (s: string) => <Tag color={STATUS_LABELS[s]?.color}>{statusLabel(s)}</Tag> },
    { title: 'Tiêu chí', dataIndex: 'criterion', responsive: ['xl' as const] },
  ];

  const list = (rows: TaskListItem[], caption: string) => <section aria-label={caption}>{listBody(rows, caption)}</section>;
  const listBody = (rows: TaskListItem[], caption: string) =>
    screens.md ? (
      <Table<TaskListItem> rowKey="id" size="middle" columns={columns} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} caption={caption} locale={{ emptyText: <Empty description="Không có nhiệm vụ" /> }} />
    ) : (
      <List
        dataSource={rows}
        locale={{ emptyText: 'Không có nhiệm vụ' }}
        renderItem={(t) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }} title={<Link to={`/tasks/${t.id}`}>{t.title}</Link>}>
              <Space wrap>
                <Tag color={STATUS_LABELS[t.status]?.color}>{statusLabel(t.status)}</Tag>
                <span>Thời hạn: {formatDate(t.dueOn) || 'Chưa có'}</span>
                <span>{daysLeftLabel(t, today)}</span>
              </Space>
              <div>{planTitle(t.planId)}</div>
            </Card>
          </List.Item>
        )}
      />
    );

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Công việc của {offices.data?.name(office) ?? office}
      </Typography.Title>
      {tasks.error && <Alert role="alert" type="error" title={tasks.error.message} />}
      <section aria-label="Số liệu nhanh">
        <Row gutter={[12, 12]}>
          {(Object.keys(COUNTER_LABELS) as Counter[]).map((c) => (
            <Col key={c} xs={12} sm={8} lg={4}>
              <Card
                hoverable
                size="small"
                role="button"
                tabIndex={0}
                aria-pressed={counter === c}
                onClick={() => setCounter(counter === c ? null : c)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setCounter(counter === c ? null : c))}
                style={counter === c ? { borderColor: '#1677ff' } : undefined}
              >
                <Statistic title={COUNTER_LABELS[c]} value={items.filter((t) => inCounter(t, c, today)).length} loading={tasks.isLoading} />
              </Card>
            </Col>
          ))}
        </Row>
      </section>
      <Space wrap style={{ margin: '16px 0' }}>
        <Select aria-label="Lọc theo kế hoạch" placeholder="Mọi kế hoạch" allowClear style={{ minWidth: 220 }} value={plan} onChange={setPlan} options={planIds.map((id) => ({ value: id, label: planTitle(id) }))} />
        <Select aria-label="Lọc theo tình trạng" placeholder="Mọi tình trạng" allowClear style={{ minWidth: 200 }} value={status} onChange={setStatus} options={Object.entries(STATUS_LABELS).map(([value, s]) => ({ value, label: s.label }))} />
        <ExportButton path="/v1/tasks" query={{ office, plan, status, ...rt }} />
        <Input.Search aria-label="Tìm theo tên nhiệm vụ" placeholder="Tìm nhiệm vụ" allowClear onSearch={setText} onChange={(e) => setText(e.target.value)} style={{ width: 260 }} />
      </Space>
      {list(withDeadline, counter ? COUNTER_LABELS[counter] : 'Nhiệm vụ theo mức độ khẩn')}
      {noDeadline.length > 0 && (
        <div style={{ marginTop: 24 }}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            Chưa có thời hạn
          </Typography.Title>
          {list(noDeadline, 'Nhiệm vụ chưa có thời hạn')}
        </div>
      )}
    </>
  );
}
