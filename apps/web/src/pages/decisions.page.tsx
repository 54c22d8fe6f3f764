import { Alert, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, Schemas } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { formatDate, formatInstant } from '../format';
import { Action, ActionBar } from '../tasks/action-bar';
import { noteField, reasonField } from '../tasks/task-actions';

type Decision = Schemas['DecisionWaitingDto'];

function actionsFor(d: Decision): Action[] {
  const headers = { 'If-Match': `"${d.version}"` };
  if (d.kind === 'extension') {
    const params = { path: { id: d.taskId, requestId: d.requestId! } };
    return [
      {
        label: 'Đồng ý gia hạn',
        fields: [{ ...noteField, required: false }],
        send: (v) =>
          unwrap(
            api.POST('/v1/tasks/{id}/extension-requests/{requestId}/grant', {
              params,
              headers,
              body: v.note ? { note: v.note as string } : {},
            }),
          ),
      },
      {
        label: 'Từ chối gia hạn',
        danger: true,
        fields: [reasonField],
        send: (v) =>
          unwrap(api.POST('/v1/tasks/{id}/extension-requests/{requestId}/deny', { params, headers, body: { reason: v.reason as string } })),
      },
    ];
  }
  const params = { path: { id: d.taskId } };
  // A recurring task's report is decided for its period.
  const occurrence = d.occurrence ? { occurrence: d.occurrence } : {};
  return [
    {
      label: 'Xác nhận hoàn thành',
      fields: [{ ...noteField, required: false }],
      send: (v) =>
        unwrap(
          api.POST('/v1/tasks/{id}/completion/accept', {
            params,
            headers,
            body: { ...occurrence, ...(v.note ? { note: v.note as string } : {}) },
          }),
        ),
    },
    {
      label: 'Trả lại',
      danger: true,
      fields: [reasonField],
      send: (v) =>
        unwrap(api.POST('/v1/tasks/{id}/completion/return', { params, headers, body: { ...occurrence, reason: v.reason as string } })),
    },
  ];
}

/** `/cho-xu-ly`: extension requests and completion reports waiting for this leader, oldest first, each decidable in place. */
export function DecisionsPage() {
  const offices = useOffices();
  const decisions = useQuery({
    queryKey: ['decisions'],
    queryFn: () => unwrap(api.GET('/v1/decisions', { params: { query: { limit: 500 } } })),
  });
  if (decisions.error) return <Alert role="alert" type="error" title={decisions.error.message} />;
  if (!decisions.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Chờ xử lý ({decisions.data.items.length}
        {decisions.data.nextCursor ? '+' : ''})
      </Typography.Title>
      <List
        dataSource={decisions.data.items}
        locale={{ emptyText: <Empty description="Không có đề nghị nào đang chờ" /> }}
        renderItem={(d) => (
          <List.Item>
            <Card
              size="small"
              style={{ width: '100%' }}
              title={<Link to={`/tasks/${d.taskId}`}>{d.title}</Link>}
              extra={
                <Tag color={d.kind === 'extension' ? 'gold' : 'blue'}>{d.kind === 'extension' ? 'Xin gia hạn' : 'Báo cáo hoàn thành'}</Tag>
              }
            >
              <Space orientation="vertical" style={{ width: '100%' }}>
                <span>
                  {offices.data?.name(d.lead) ?? d.lead} · gửi lúc {formatInstant(d.since)} · thời hạn hiện tại{' '}
                  {formatDate(d.dueOn) || 'chưa có'}
                </span>
                {d.kind === 'extension' ? (
                  <span>
                    Xin gia hạn đến <strong>{formatDate(d.requestedDueOn)}</strong>: {d.reason}
                  </span>
                ) : (
                  <span>
                    {d.occurrence ? `Kỳ ${d.occurrence}: ` : ''}Hoàn thành ngày <strong>{formatDate(d.completedOn)}</strong>: {d.note}
                  </span>
                )}
                <ActionBar actions={actionsFor(d)} label={`Xử lý: ${d.title}`} />
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}
