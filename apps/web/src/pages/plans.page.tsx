import { Alert, Button, Progress, Skeleton, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { Me } from '../auth/credentials';
import { api, Schemas } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { formatDate } from '../format';
import { useRecordTime } from '../record-time/record-time';

type PlanItem = Schemas['PlanListItemDto'];

/** `/ke-hoach`: the plans in scope with their progress. */
export function PlansPage({ me }: { me: Me }) {
  const offices = useOffices();
  const navigate = useNavigate();
  const { knownAt } = useRecordTime();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => unwrap(api.GET('/v1/plans', { params: { query: { limit: 500 } } })) });
  if (plans.error) return <Alert role="alert" type="error" title={plans.error.message} />;
  if (!plans.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Kế hoạch
      </Typography.Title>
      {knownAt && (
        <Alert
          type="info"
          title="Danh sách kế hoạch và tiến độ là như hiện nay: mở một kế hoạch để xem các nhiệm vụ như đã ghi nhận lúc đã chọn."
          style={{ marginBottom: 12 }}
        />
      )}
      {me.role === 'admin' && !knownAt && (
        <Button style={{ marginBottom: 16 }} onClick={() => navigate('/ke-hoach/nhap')}>
          Nhập kế hoạch từ tệp
        </Button>
      )}
      <Table<PlanItem>
        rowKey="id"
        caption="Các kế hoạch trong phạm vi"
        dataSource={plans.data.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: 'Kế hoạch',
            dataIndex: 'title',
            render: (title: string, p) => <Link to={`/ke-hoach/${p.id}`}>{p.code ? `${p.code} — ${title}` : title}</Link>,
          },
          { title: 'Cơ quan ban hành', dataIndex: 'issuer', render: (code: string) => offices.data?.name(code) ?? code },
          { title: 'Thời gian', key: 'period', render: (_, p) => `${formatDate(p.periodFrom)} – ${formatDate(p.periodTo)}` },
          {
            title: 'Tiến độ',
            key: 'progress',
            render: (_, p) => (
              <div style={{ minWidth: 160 }}>
                <Progress
                  percent={p.tasks ? Math.floor((p.done * 10000) / p.tasks) / 100 : 0}
                  size="small"
                  format={() => `${p.done}/${p.tasks}`}
                  aria-label={`Đã hoàn thành ${p.done} trên ${p.tasks} nhiệm vụ`}
                />
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
