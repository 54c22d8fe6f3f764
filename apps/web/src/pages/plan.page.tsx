import { Alert, Card, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, rawGet, TaskListItem } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { formatDate, STATUS_LABELS, statusLabel } from '../format';
import { AssignTaskButton } from '../tasks/assign-task-form';
import { useRecordTime } from '../record-time/record-time';

interface TargetRow {
  code: string;
  name: string;
  unit: string;
  target: number | string | null;
  actual: number | string | null;
  measuredOn: string | null;
  attainment: string | null;
  met: boolean | null;
}

/** `/ke-hoach/:id`: a plan's targets (target, latest measured value, attainment, met or not) and its tasks. */
export function PlanPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const offices = useOffices();
  // The plan, its targets and its tasks as recorded at `knownAt` when an inspector set it.
  const rt = useRecordTime();
  const plan = useQuery({
    queryKey: ['plan', id, rt],
    queryFn: () => unwrap(api.GET('/v1/plans/{id}', { params: { path: { id }, query: { ...rt } } })),
  });
  const targets = useQuery({
    queryKey: ['targets', id, rt.asOf],
    enabled: plan.isSuccess,
    queryFn: async () => (await rawGet<TargetRow[]>(`/v1/reports/targets?plan=${id}${rt.asOf ? `&asOf=${rt.asOf}` : ''}`)).body,
  });
  const tasks = useQuery({
    queryKey: ['tasks', 'plan', id, rt],
    enabled: plan.isSuccess,
    queryFn: () => unwrap(api.GET('/v1/tasks', { params: { query: { plan: id, limit: 500, ...rt } } })),
  });

  if (plan.error) return <Alert role="alert" type="error" title={plan.error.message} />;
  if (!plan.data) return <Skeleton active />;
  const p = plan.data;
  const mayAssign =
    !rt.knownAt &&
    (me.role === 'admin' ||
      (me.role === 'leader' && (me.office === p.issuer || offices.data?.below(me.office).some((o) => o.code === p.issuer))));

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {p.title}
      </Typography.Title>
      <Typography.Paragraph>
        {offices.data?.name(p.issuer) ?? p.issuer} · {formatDate(p.period.from)} – {formatDate(p.period.to)}
        {(me.role === 'inspector' || me.role === 'admin') && (
          <>
            {' '}
            · <Link to={`/thanh-tra/ke-hoach/${p.id}`}>Diễn biến</Link>
          </>
        )}
      </Typography.Paragraph>
      {mayAssign && <AssignTaskButton planId={p.id} issuer={p.issuer} me={me} />}
      <Card title="Chỉ tiêu" size="small" style={{ marginTop: 16 }}>
        <Table<TargetRow>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={Array.isArray(targets.data) ? targets.data : []}
          loading={targets.isLoading}
          locale={{ emptyText: 'Kế hoạch không có chỉ tiêu' }}
          columns={[
            { title: 'Chỉ tiêu', dataIndex: 'name' },
            { title: 'Mục tiêu', dataIndex: 'target', render: (v) => v ?? '' },
            {
              title: 'Đạt được',
              dataIndex: 'actual',
              render: (v, r) => (v == null ? 'Chưa đo' : `${v}${r.measuredOn ? ` (${formatDate(r.measuredOn)})` : ''}`),
            },
            {
              title: 'Tình trạng',
              dataIndex: 'met',
              render: (met) => (met == null ? '' : met ? <Tag color="green">Đạt</Tag> : <Tag color="red">Chưa đạt</Tag>),
            },
          ]}
        />
      </Card>
      <Card title="Nhiệm vụ" size="small" style={{ marginTop: 16 }}>
        <Table<TaskListItem>
          rowKey="id"
          size="small"
          dataSource={tasks.data?.items ?? []}
          loading={tasks.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          columns={[
            { title: 'Nhiệm vụ', dataIndex: 'title', render: (title: string, t) => <Link to={`/tasks/${t.id}`}>{title}</Link> },
            { title: 'Đơn vị chủ trì', dataIndex: 'lead', render: (code: string) => offices.data?.name(code) ?? code },
            { title: 'Thời hạn', dataIndex: 'dueOn', render: (d: string | null) => formatDate(d) || 'Chưa có' },
            {
              title: 'Tình trạng',
              dataIndex: 'status',
              render: (s: string) => <Tag color={STATUS_LABELS[s]?.color}>{statusLabel(s)}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
