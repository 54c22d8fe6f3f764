import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { formatInstant } from '../format';
import { DigestRun, DigestSummary, getDigest, listDigests } from './admin-api';
import { OfficeTreeSelect } from './office-tree-select';

dayjs.extend(isoWeek);

const isoWeekOf = (d: Dayjs) => `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, '0')}`;
const STATUS: Record<DigestSummary['status'], { label: string; color: string }> = {
  issued: { label: 'Chưa gửi', color: 'gold' },
  delivered: { label: 'Đã gửi', color: 'green' },
  failed: { label: 'Gửi lỗi', color: 'red' },
};

/** Item 9, digests: by week and office, each as it was sent (its HTML, sandboxed) and its delivery; the week's run. */
export function DigestsTab() {
  const offices = useOffices();
  const [week, setWeek] = useState<Dayjs>(() => dayjs());
  const [office, setOffice] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const { modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const weekCode = isoWeekOf(week);
  const digests = useQuery({
    queryKey: ['admin', 'digests', weekCode, office],
    queryFn: () => listDigests({ week: weekCode, ...(office ? { office } : {}) }),
  });

  const run = async () => {
    setRunning(true);
    try {
      const r = (await unwrap(api.POST('/v1/digests/run', { body: { week: weekCode } }))) as unknown as DigestRun;
      modal.info({
        title: `Bản tin tuần ${weekCode}`,
        content: `Đã lập ${r.issued.length} bản tin mới, đã gửi ${r.delivered.length}${r.failed.length ? `, ${r.failed.length} gửi lỗi` : ''}.`,
      });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'digests'] });
    } catch (e) {
      modal.error({ title: 'Không thực hiện được', content: e instanceof Error ? e.message : String(e) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap align="end">
        <label>
          <div>Tuần</div>
          <DatePicker
            picker="week"
            value={week}
            onChange={(d) => d && setWeek(d)}
            allowClear={false}
            aria-label="Tuần"
            format={(d) => `Tuần ${d.isoWeek()}/${d.isoWeekYear()}`}
          />
        </label>
        <label style={{ display: 'inline-block', width: 300 }}>
          <div>Đơn vị</div>
          {offices.data && <OfficeTreeSelect offices={offices.data} allowClear value={office} onChange={setOffice} />}
        </label>
        <Button type="primary" onClick={run} loading={running}>
          Chạy bản tin tuần
        </Button>
      </Space>
      {digests.error ? (
        <Alert role="alert" type="error" title={digests.error.message} />
      ) : (
        <Table<DigestSummary>
          rowKey="id"
          size="small"
          loading={digests.isLoading}
          dataSource={digests.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          locale={{ emptyText: `Chưa có bản tin nào của tuần ${week.isoWeek()}/${week.isoWeekYear()}` }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'officeName' },
            { title: 'Quá hạn', dataIndex: ['counts', 'overdue'], align: 'right' },
            { title: 'Đến hạn trong tuần', dataIndex: ['counts', 'dueThisWeek'], align: 'right' },
            { title: 'Người nhận', dataIndex: 'recipients', render: (r: string[]) => r.join(', ') || '—' },
            {
              title: 'Tình trạng',
              dataIndex: 'status',
              render: (s: DigestSummary['status'], d) => (
                <span>
                  <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
                  {d.deliveredAt ? formatInstant(d.deliveredAt) : ''}
                </span>
              ),
            },
            {
              title: '',
              key: 'open',
              render: (_v, d) => (
                <Button size="small" onClick={() => setOpen(d.id)} aria-label={`Xem bản tin của ${d.officeName}`}>
                  Xem
                </Button>
              ),
            },
          ]}
        />
      )}
      {open && <DigestView id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

/** One digest as sent. Its HTML is the e-mail's: shown in a sandboxed frame (no scripts, no same-origin access). */
function DigestView({ id, onClose }: { id: string; onClose: () => void }) {
  const digest = useQuery({ queryKey: ['admin', 'digest', id], queryFn: () => getDigest(id) });
  if (digest.error) return <Alert role="alert" type="error" title={digest.error.message} />;
  if (!digest.data) return null;
  const d = digest.data;
  return (
    <Card size="small" title={d.subject} extra={<Button onClick={onClose}>Đóng</Button>}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'office', label: 'Đơn vị', children: d.officeName },
          { key: 'week', label: 'Tuần', children: d.week },
          { key: 'issued', label: 'Lập lúc', children: formatInstant(d.issuedAt) },
          {
            key: 'status',
            label: 'Tình trạng gửi',
            children: `${STATUS[d.status].label}${d.deliveredAt ? ` lúc ${formatInstant(d.deliveredAt)}` : ''}, ${d.attempts} lần gửi`,
          },
          { key: 'to', label: 'Người nhận', children: d.recipients.join(', ') || '—' },
        ]}
      />
      {d.failures.length > 0 && (
        <Alert type="warning" style={{ margin: '8px 0' }} title={`Lỗi lần gửi gần nhất: ${d.failures[d.failures.length - 1].error}`} />
      )}
      <Typography.Text type="secondary">Nội dung thư như đã gửi:</Typography.Text>
      <iframe
        title={`Bản tin ${d.week} của ${d.officeName}`}
        sandbox=""
        srcDoc={d.html}
        style={{ width: '100%', height: 480, border: '1px solid #d9d9d9', marginTop: 8, background: '#fff' }}
      />
    </Card>
  );
}
