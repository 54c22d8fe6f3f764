import { Alert, Button, DatePicker, Space, Table, TreeSelect, Typography } from 'antd';
import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { officeTree } from './office-tree';
import type { Offices } from '../api/use-offices';
import { formatDate, formatInstant } from '../format';
import { auditGet, Flag, Page } from './audit-api';
import { Who } from './event-parts';

/** Reports dated well before the day they were recorded, by office and period of recording. */
export function BackdatedReports({ offices }: { offices: Offices }) {
  const [office, setOffice] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = { office, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const flags = useInfiniteQuery({
    queryKey: ['audit-flags', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => auditGet<Page<Flag>>('/v1/audit/flags', { kind: 'backdated', limit: 100, ...query, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = flags.data?.pages.flatMap((p) => p.items) ?? [];
  const taskIds = [...new Set(items.map((f) => f.taskId).filter((id): id is string => !!id))];
  const titles = useQueries({
    queries: taskIds.map((id) => ({
      queryKey: ['task', id, {}],
      staleTime: 5 * 60_000,
      queryFn: () => unwrap(api.GET('/v1/tasks/{id}', { params: { path: { id } } })),
    })),
  });
  const title = (id: string | null) => (id ? (titles[taskIds.indexOf(id)]?.data?.title ?? 'Nhiệm vụ') : '');
  return (
    <>
      <Typography.Paragraph>
        Báo cáo hoàn thành (theo ngày hoàn thành khai) hoặc báo cáo tiến độ (theo thời điểm xảy ra) được ghi vào sổ muộn hơn{' '}
        {items[0]?.graceDays ?? 'số'} ngày cho phép.
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <TreeSelect
          aria-label="Lọc theo đơn vị"
          placeholder="Mọi đơn vị trong phạm vi"
          allowClear
          treeDefaultExpandAll
          style={{ minWidth: 260 }}
          value={office}
          onChange={setOffice}
          treeData={officeTree(offices.roots)}
        />
        <DatePicker.RangePicker
          aria-label="Ghi nhận trong khoảng"
          format="DD/MM/YYYY"
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={['Ghi nhận từ ngày', 'đến ngày']}
        />
      </Space>
      {flags.error && <Alert role="alert" type="error" title={flags.error.message} />}
      <Table<Flag>
        rowKey="position"
        size="small"
        caption="Báo cáo ghi lùi ngày"
        loading={flags.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Không có báo cáo ghi lùi ngày' }}
        columns={[
          {
            title: 'Nhiệm vụ',
            key: 'task',
            render: (_, f) => (f.taskId ? <Link to={`/thanh-tra/nhiem-vu/${f.taskId}`}>{title(f.taskId)}</Link> : f.streamId),
          },
          {
            title: 'Loại',
            dataIndex: 'type',
            render: (t: string) => (t === 'CompletionReported' ? 'Báo cáo hoàn thành' : 'Báo cáo tiến độ'),
          },
          { title: 'Đơn vị', dataIndex: 'office', render: (o: string | null) => offices.name(o) },
          { title: 'Người báo cáo', key: 'actor', render: (_, f) => <Who actor={f.actor} offices={offices} /> },
          { title: 'Ngày khai', dataIndex: 'businessDate', render: (d: string) => formatDate(d) },
          { title: 'Ghi nhận lúc', dataIndex: 'recordedAt', render: (d: string) => formatInstant(d) },
          { title: 'Chênh lệch', dataIndex: 'lagDays', render: (n: number) => <strong>{n} ngày</strong> },
        ]}
      />
      {flags.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => flags.fetchNextPage()} loading={flags.isFetchingNextPage}>
          Tải thêm
        </Button>
      )}
    </>
  );
}
