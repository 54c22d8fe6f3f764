import { Alert, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { rawGet } from '../api/client';
import { useOffices } from '../api/use-offices';
import { formatDate } from '../format';
import { FindingsReportCard } from '../inspections/findings-report-card';
import { INSPECTION_STATUS, InspectionView } from '../inspections/inspection-types';

/** `/kiem-tra`: the inspections the reader may see, newest period first, and the findings report of its scope. */
export function InspectionsPage() {
  const offices = useOffices();
  const list = useQuery({
    queryKey: ['inspections'],
    queryFn: async () => (await rawGet<{ items: InspectionView[] }>('/v1/inspections?limit=500')).body,
  });
  if (list.error) return <Alert role="alert" type="error" title="Không tải được danh sách cuộc kiểm tra." />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Kiểm tra
      </Typography.Title>
      <Table<InspectionView>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: 'Chưa có cuộc kiểm tra' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        columns={[
          { title: 'Cuộc kiểm tra', dataIndex: 'title', render: (title: string, i) => <Link to={`/kiem-tra/${i.id}`}>{title}</Link> },
          { title: 'Đơn vị kiểm tra', dataIndex: 'inspectingOffice', render: (code: string) => offices.data?.name(code) ?? code },
          { title: 'Thời gian', key: 'period', render: (_: unknown, i) => `${formatDate(i.period.from)} – ${formatDate(i.period.to)}` },
          { title: 'Tình trạng', dataIndex: 'status', render: (s: string) => INSPECTION_STATUS[s] ?? s },
        ]}
      />
      <FindingsReportCard />
    </>
  );
}
