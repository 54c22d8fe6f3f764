import { Alert, Button, Card, Result, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, TaskListItem } from '../api/client';
import { unwrap } from '../api/problem';
import { Offices, useOffices } from '../api/use-offices';
import { formatDate, STATUS_LABELS, statusLabel } from '../format';
import { auditGet, AuditEvent, Page, TimelineItem } from '../inspector/audit-api';
import { AuditEventList } from '../inspector/audit-event-list';
import { Changes, ReportBody, summaryOf, When, Who } from '../inspector/event-parts';
import { ExportTrail } from '../inspector/export-trail';
import { useRecordTime } from '../record-time/record-time';
import { formatInstantSeconds } from '../record-time/record-time-bar';

/** `/thanh-tra/nhiem-vu/:id`, `/thanh-tra/ke-hoach/:id`, `/thanh-tra/don-vi/:code`: the story of one task, plan or office. */
export function TimelinePage() {
  const { kind = '', id = '' } = useParams();
  const offices = useOffices();
  if (!offices.data) return <Skeleton active />;
  if (kind === 'nhiem-vu') return <TaskTimeline id={id} offices={offices.data} />;
  if (kind === 'ke-hoach') return <PlanTimeline id={id} offices={offices.data} />;
  if (kind === 'don-vi') return <OfficeTimeline code={id} offices={offices.data} />;
  return <Result status="404" title="Không tìm thấy trang" />;
}

function TaskTimeline({ id, offices }: { id: string; offices: Offices }) {
  const { knownAt } = useRecordTime();
  const task = useQuery({ queryKey: ['task', id, {}], queryFn: () => unwrap(api.GET('/v1/tasks/{id}', { params: { path: { id } } })) });
  const timeline = useQuery({
    queryKey: ['audit-timeline', id],
    queryFn: () => auditGet<{ items: TimelineItem[] }>(`/v1/audit/tasks/${encodeURIComponent(id)}/timeline`),
  });
  if (timeline.error) return <Alert role="alert" type="error" title={timeline.error.message} />;
  if (!timeline.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Diễn biến nhiệm vụ: {task.data?.title ?? ''}
      </Typography.Title>
      <Typography.Paragraph>
        <Link to={`/tasks/${id}`}>Trang nhiệm vụ{knownAt ? ` như đã ghi nhận lúc ${formatInstantSeconds(knownAt)}` : ''}</Link>
        {task.data && (
          <>
            {' '}
            · Đơn vị chủ trì: {offices.name(task.data.lead)} · Hiện nay:{' '}
            <Tag color={STATUS_LABELS[task.data.status]?.color}>{statusLabel(task.data.status)}</Tag> thời hạn{' '}
            {formatDate(task.data.dueOn) || 'chưa có'}
          </>
        )}
      </Typography.Paragraph>
      <Card size="small">
        <Timeline
          items={timeline.data.items.map((e) => {
            const later = !!knownAt && e.recordedAt > knownAt;
            return {
              key: e.version,
              color: e.recordedLate ? 'red' : later ? 'gray' : 'blue',
              content: (
                <section
                  aria-label={`Sự kiện ${e.version}: ${summaryOf(`task-${id}`, e.type, e.data)}`}
                  style={{ opacity: later ? 0.55 : 1 }}
                >
                  <Typography.Text strong>{summaryOf(`task-${id}`, e.type, e.data)}</Typography.Text>
                  {later && <Typography.Text type="secondary"> (ghi nhận sau thời điểm đang xem)</Typography.Text>}
                  <div>
                    <Who actor={e.actor} offices={offices} />
                  </div>
                  <When occurredAt={e.occurredAt} recordedAt={e.recordedAt} late={e.recordedLate} />
                  <Changes changes={e.changes} offices={offices} />
                  <ReportBody data={e.data} recordedAt={e.recordedAt} />
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      Vị trí #{e.position} · phiên bản {e.version} · mã băm {e.hash.slice(0, 12)}…
                    </Typography.Text>
                  </div>
                </section>
              ),
            };
          })}
        />
      </Card>
    </>
  );
}

function PlanTimeline({ id, offices }: { id: string; offices: Offices }) {
  const rt = useRecordTime();
  const plan = useQuery({ queryKey: ['plan', id], queryFn: () => unwrap(api.GET('/v1/plans/{id}', { params: { path: { id } } })) });
  const events = useQuery({
    queryKey: ['audit-events', `plan-${id}`],
    queryFn: () => auditGet<Page<AuditEvent>>('/v1/audit/events', { stream: `plan-${id}`, limit: 500 }),
  });
  const tasks = useQuery({
    queryKey: ['tasks', 'plan', id, rt],
    enabled: plan.isSuccess,
    queryFn: () => unwrap(api.GET('/v1/tasks', { params: { query: { plan: id, limit: 500, ...rt } } })),
  });
  if (plan.error) return <Alert role="alert" type="error" title={plan.error.message} />;
  if (!plan.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Diễn biến kế hoạch: {plan.data.title}
      </Typography.Title>
      <Typography.Paragraph>
        <Link to={`/ke-hoach/${id}`}>Trang kế hoạch</Link> · {offices.name(plan.data.issuer)}
      </Typography.Paragraph>
      <Card title="Xuất nhật ký của kế hoạch (cả các nhiệm vụ)" size="small">
        <ExportTrail scope={{ plan: id }} />
      </Card>
      <Card title="Sự kiện của kế hoạch" size="small" style={{ marginTop: 16 }}>
        {events.error ? (
          <Alert role="alert" type="error" title={events.error.message} />
        ) : events.data ? (
          <AuditEventList events={events.data.items} offices={offices} knownAt={rt.knownAt} />
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card title="Nhiệm vụ của kế hoạch" size="small" style={{ marginTop: 16 }}>
        <Table<TaskListItem>
          rowKey="id"
          size="small"
          loading={tasks.isLoading}
          dataSource={tasks.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: 'Nhiệm vụ',
              dataIndex: 'title',
              render: (title: string, t) => <Link to={`/thanh-tra/nhiem-vu/${t.id}`}>{title}</Link>,
            },
            { title: 'Đơn vị chủ trì', dataIndex: 'lead', render: (code: string) => offices.name(code) },
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

function OfficeTimeline({ code, offices }: { code: string; offices: Offices }) {
  const { knownAt } = useRecordTime();
  const events = useInfiniteQuery({
    queryKey: ['audit-events', 'office', code],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => auditGet<Page<AuditEvent>>('/v1/audit/events', { office: code, limit: 100, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (events.error) return <Alert role="alert" type="error" title={events.error.message} />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Diễn biến của {offices.name(code)} và các đơn vị trực thuộc
      </Typography.Title>
      <Card title="Xuất nhật ký của đơn vị" size="small">
        <ExportTrail scope={{ office: code }} />
      </Card>
      <Card title="Sự kiện, theo thứ tự ghi sổ" size="small" style={{ marginTop: 16 }}>
        {events.data ? (
          <AuditEventList events={events.data.pages.flatMap((p) => p.items)} offices={offices} knownAt={knownAt} linkStreams />
        ) : (
          <Skeleton active />
        )}
        {events.hasNextPage && (
          <Button onClick={() => events.fetchNextPage()} loading={events.isFetchingNextPage}>
            Tải thêm sự kiện
          </Button>
        )}
      </Card>
    </>
  );
}
