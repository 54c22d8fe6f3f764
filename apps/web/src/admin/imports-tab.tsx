import { Alert, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, Schemas } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { formatDate, formatInstant } from '../format';

type ImportDone = Schemas['ImportDoneDto'];
const FORMATS: Record<string, string> = { json: 'JSON', csv: 'CSV', xlsx: 'Excel (XLSX)' };

/** Item 9, imports: who imported which file when, and what it created. */
export function ImportsTab() {
  const offices = useOffices();
  const imports = useQuery({ queryKey: ['admin', 'imports'], queryFn: () => unwrap(api.GET('/v1/imports')) });
  if (imports.error) return <Alert role="alert" type="error" title={imports.error.message} />;
  return (
    <section aria-label="Các lần nhập kế hoạch">
      <Typography.Paragraph>
        Mỗi lần nhập một tệp kế hoạch (<Link to="/ke-hoach/nhap">Nhập kế hoạch</Link>) được ghi lại cùng người nhập, thời điểm và những gì
        đã tạo.
      </Typography.Paragraph>
      <Table<ImportDone>
        rowKey={(r) => `${r.planCode}:${r.contentHash}`}
        size="small"
        loading={imports.isLoading}
        dataSource={imports.data?.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Chưa có lần nhập nào' }}
        columns={[
          { title: 'Thời điểm', dataIndex: 'recordedAt', render: (at: string) => formatInstant(at) },
          {
            title: 'Người nhập',
            dataIndex: 'by',
            render: (by: ImportDone['by']) => `${by.name ?? by.userId} · ${offices.data?.name(by.office) ?? by.office}`,
          },
          {
            title: 'Tệp',
            key: 'file',
            render: (_v, r) => (
              <span>
                {r.fileName ? <strong>{r.fileName}</strong> : 'Tệp'} ({FORMATS[r.format] ?? r.format}), mã kế hoạch {r.planCode}
                <br />
                <Typography.Text type="secondary" title={r.contentHash}>
                  SHA-256 {r.contentHash.slice(0, 12)}…
                </Typography.Text>
              </span>
            ),
          },
          {
            title: 'Đã tạo',
            key: 'created',
            render: (_v, r) => (
              <span>
                <Link to={`/ke-hoach/${r.planId}`}>Kế hoạch {r.planCode}</Link>: {r.created.tasks} nhiệm vụ, {r.created.offices.length} đơn
                vị, {r.created.directives.length} văn bản
                {r.noDeadline ? `; ${r.noDeadline} dòng chưa có thời hạn` : ''}
                {r.warnings ? `; ${r.warnings} cảnh báo` : ''}
              </span>
            ),
          },
          { title: 'Ngày giao', dataIndex: 'assignedOn', render: (d: string) => formatDate(d) },
        ]}
      />
    </section>
  );
}
