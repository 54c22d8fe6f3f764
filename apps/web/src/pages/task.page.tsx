import { Alert, Card, Descriptions, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, TaskEvent, TaskView } from '../api/client';
import { unwrap } from '../api/problem';
import { Offices, useOffices, withNames } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { formatDate, formatInstant, STATUS_LABELS, statusLabel } from '../format';
import { TaskActions } from '../tasks/task-actions';
import { eventSummary } from '../tasks/event-summary';
import { EvidenceFiles, filesOf, filesOfEvents } from '../tasks/evidence-files';
import { useRecordTime } from '../record-time/record-time';

/** `/tasks/:id` (digest e-mails link here): everything about one task, its trail, and what the reader may do. */
export function TaskPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const offices = useOffices();
  // As recorded at `knownAt` / classified as of `asOf` when an inspector set them; the trail is cut at `knownAt` too.
  const rt = useRecordTime();
  const task = useQuery({
    queryKey: ['task', id, rt],
    queryFn: () => unwrap(api.GET('/v1/tasks/{id}', { params: { path: { id }, query: rt } })),
  });
  const events = useQuery({
    queryKey: ['task-events', id],
    queryFn: () => unwrap(api.GET('/v1/tasks/{id}/events', { params: { path: { id } } })),
    enabled: task.isSuccess,
  });
  const plan = useQuery({
    queryKey: ['plan', task.data?.plan],
    enabled: !!task.data,
    queryFn: () => unwrap(api.GET('/v1/plans/{id}', { params: { path: { id: task.data!.plan } } })),
  });

  if (task.error) return <Alert role="alert" type="error" title={task.error.message} />;
  if (!task.data || !offices.data) return <Skeleton active />;
  const t = task.data;
  const o = withNames(offices.data, { ...events.data?.officeNames, ...task.data.officeNames });
  const trail = events.data?.items.filter((e) => !rt.knownAt || e.recordedAt <= rt.knownAt);

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t.title}
      </Typography.Title>
      <Tag color={STATUS_LABELS[t.status]?.color} style={{ marginBottom: 16 }}>
        {statusLabel(t.status)}
        {t.daysOverdue > 0 ? ` ${t.daysOverdue} ngày` : ''}
      </Tag>
      {!rt.knownAt && <TaskActions task={t} me={me} offices={o} />}
      {(me.role === 'inspector' || me.role === 'admin') && (
        <Link to={`/thanh-tra/nhiem-vu/${t.id}`} style={{ marginLeft: 8 }}>
          Diễn biến đầy đủ
        </Link>
      )}
      <Card title="Thông tin nhiệm vụ" size="small" style={{ marginTop: 16 }}>
        <TaskDetails t={t} o={o} planTitle={plan.data?.title} />
      </Card>
      {t.extensions.length > 0 && (
        <Card title="Gia hạn" size="small" style={{ marginTop: 16 }}>
          <ul>
            {t.extensions.map((e) => (
              <li key={e.requestId}>
                {formatInstant(e.requestedAt)}: xin đến {formatDate(e.requestedDueOn)} — {e.reason} (
                {e.status === 'pending'
                  ? 'chờ quyết định'
                  : e.status === 'granted'
                    ? `đồng ý đến ${formatDate(e.grantedDueOn)}`
                    : 'từ chối'}
                )
              </li>
            ))}
          </ul>
        </Card>
      )}
      {trail && filesOfEvents(trail).length > 0 && (
        <Card title="Tệp minh chứng" size="small" style={{ marginTop: 16 }}>
          <EvidenceFiles files={filesOfEvents(trail)} />
        </Card>
      )}
      <Card title="Diễn biến" size="small" style={{ marginTop: 16 }}>
        {trail ? (
          <Timeline items={trail.map((e: TaskEvent) => ({ key: e.version, content: <EventLine e={e} o={o} /> }))} />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </>
  );
}

function TaskDetails({ t, o, planTitle }: { t: TaskView; o: Offices; planTitle?: string }) {
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label="Kế hoạch">{planTitle ?? ''}</Descriptions.Item>
      <Descriptions.Item label="Đơn vị chủ trì">{o.name(t.lead)}</Descriptions.Item>
      <Descriptions.Item label="Đơn vị phối hợp">{t.supporting.map((s) => o.name(s)).join('; ') || 'Không'}</Descriptions.Item>
      <Descriptions.Item label="Đơn vị theo dõi">{o.name(t.followUp) || 'Không'}</Descriptions.Item>
      <Descriptions.Item label="Tiêu chí">{t.criterion ?? ''}</Descriptions.Item>
      <Descriptions.Item label="Kết quả cần đạt">{t.expectedOutcome ?? ''}</Descriptions.Item>
      <Descriptions.Item label="Thời hạn ban đầu">{formatDate(t.originalDueOn) || 'Chưa có'}</Descriptions.Item>
      <Descriptions.Item label="Thời hạn hiện tại">
        {formatDate(t.dueOn) || 'Chưa có'}
        {t.deadlinePhrase ? ` (ghi trong kế hoạch: “${t.deadlinePhrase}”)` : ''}
      </Descriptions.Item>
      {t.progress && (
        <Descriptions.Item label="Tiến độ gần nhất">
          {t.progress.note}
          {t.progress.percent != null ? ` — ${t.progress.percent} %` : ''} ({formatInstant(t.progress.at)})
        </Descriptions.Item>
      )}
      {t.completion && (
        <Descriptions.Item label="Báo cáo hoàn thành">
          Ngày {formatDate(t.completion.completedOn)}: {t.completion.note}
          {t.completion.evidence.length
            ? ` — minh chứng: ${t.completion.evidence.map((e) => e.documentNumber ?? e.url ?? e.title ?? e.name).join(', ')}`
            : ''}{' '}
          ({t.completion.status === 'accepted' ? 'đã xác nhận' : 'chờ xác nhận'})
        </Descriptions.Item>
      )}
      {t.description && <Descriptions.Item label="Mô tả">{t.description}</Descriptions.Item>}
    </Descriptions>
  );
}

function EventLine({ e, o }: { e: TaskEvent; o: Offices }) {
  return (
    <div>
      <strong>{eventSummary(e)}</strong>
      <div>
        {e.actor.name ?? e.actor.userId} · {o.name(e.actor.office)} · {formatInstant(e.occurredAt)}
      </div>
      <EvidenceFiles compact label="Tệp kèm theo" files={filesOf(e.data.evidence).map((file) => ({ file }))} />
    </div>
  );
}
