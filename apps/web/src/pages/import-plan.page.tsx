import { Alert, Button, Card, List, Space, Table, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { rawPost } from '../api/client';
import { problemMessage } from '../api/problem';
import { formatDate } from '../format';

interface OfficeMatch {
  text: string;
  offices: string[];
  how: string;
  note?: string;
}
interface Issue {
  field: string;
  message: string;
  code?: string;
}
interface RowReading {
  ref: string;
  at: string;
  title: string;
  lead: OfficeMatch[];
  supporting: OfficeMatch[];
  deadline: { phrase: string; kind: string; dueOn?: string; note: string } | null;
  tasks: { lead: string; dueOn: string | null }[];
  warnings: Issue[];
  errors: Issue[];
}
interface Preview {
  ok: boolean;
  plan: { code?: string; title?: string; issuer?: string };
  rows: RowReading[];
  warnings: Issue[];
  errors: Issue[];
}

const HOW: Record<string, string> = {
  code: 'theo mã',
  name: 'theo tên',
  alias: 'theo tên viết tắt',
  collective: 'theo nhóm',
  group: 'theo nhóm',
  all: 'tất cả',
};
const KIND: Record<string, string> = {
  date: 'ngày cụ thể',
  recurring: 'định kỳ',
  openEnded: 'hằng năm từ mốc đầu',
  conditional: 'chưa có thời hạn',
  unreadable: 'không đọc được',
};

function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.csv')) return 'text/csv';
  return 'application/json';
}

/** "Nhập kế hoạch từ tệp": upload a CSV, XLSX or JSON plan, see how every row is understood, then confirm. */
export function ImportPlanPage() {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const { status, body } = await rawPost<Preview & { plan: { id?: string }; status?: number; code?: string }>(
        `/v1/imports?${new URLSearchParams({ fileName: file.name.slice(0, 255), ...(dryRun ? { dryRun: 'true' } : {}) })}`,
        file,
        contentTypeOf(file),
      );
      if (dryRun && status === 200) setPreview(body);
      else if (!dryRun && (status === 201 || status === 200)) {
        await queryClient.invalidateQueries();
        navigate(`/ke-hoach/${body.plan.id}`);
      } else setError(problemMessage({ ...(body as object), status }));
    } finally {
      setBusy(false);
    }
  };

  const offices = (matches: OfficeMatch[]) =>
    matches.map((m) => (
      <div key={m.text}>
        “{m.text}” → {m.offices.join(', ')} <Typography.Text type="secondary">({HOW[m.how] ?? m.how})</Typography.Text>
      </div>
    ));

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Nhập kế hoạch từ tệp
      </Typography.Title>
      <Typography.Paragraph>
        Tải lên bảng phân công nhiệm vụ (Excel, CSV hoặc JSON) như kế hoạch đã in: xem trước từng dòng được hiểu thế nào, sửa tệp nếu cần,
        rồi xác nhận.
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Upload
          accept=".xlsx,.csv,.json"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setPreview(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setPreview(null);
          }}
        >
          <Button>Chọn tệp</Button>
        </Upload>
        <Button type="primary" disabled={!file} loading={busy && !preview} onClick={() => send(true)}>
          Xem trước
        </Button>
        {preview?.ok && (
          <Button type="primary" loading={busy} onClick={() => send(false)}>
            Nhập kế hoạch
          </Button>
        )}
      </Space>
      {error && <Alert role="alert" type="error" title={error} />}
      {preview && (
        <>
          <Alert
            role="status"
            type={preview.ok ? (preview.warnings.length ? 'warning' : 'success') : 'error'}
            title={
              preview.ok
                ? `${preview.plan.title ?? 'Kế hoạch'}: ${preview.rows.length} dòng, ${preview.rows.reduce((n, r) => n + r.tasks.length, 0)} nhiệm vụ sẽ được giao`
                : `Tệp có ${preview.errors.length} lỗi: chưa thể nhập`
            }
            style={{ marginBottom: 16 }}
          />
          {preview.errors.length > 0 && (
            <Card title="Lỗi cần sửa trong tệp" size="small" style={{ marginBottom: 16 }}>
              <List size="small" dataSource={preview.errors} renderItem={(e) => <List.Item>{`${e.field}: ${e.message}`}</List.Item>} />
            </Card>
          )}
          <Table<RowReading>
            rowKey={(r) => `${r.ref}-${r.at}`}
            size="small"
            caption="Các dòng của tệp, như được hiểu"
            dataSource={preview.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 1000 }}
            columns={[
              { title: 'STT', dataIndex: 'ref', width: 70 },
              { title: 'Nhiệm vụ', dataIndex: 'title' },
              { title: 'Chủ trì', key: 'lead', render: (_, r) => offices(r.lead) },
              { title: 'Phối hợp', key: 'supporting', render: (_, r) => offices(r.supporting) },
              {
                title: 'Thời hạn',
                key: 'deadline',
                render: (_, r) =>
                  r.deadline
                    ? `“${r.deadline.phrase}” → ${r.deadline.dueOn ? formatDate(r.deadline.dueOn) : ''} (${KIND[r.deadline.kind] ?? r.deadline.kind})`
                    : 'Không ghi',
              },
              { title: 'Số nhiệm vụ', key: 'tasks', render: (_, r) => r.tasks.length },
              {
                title: 'Ghi chú',
                key: 'issues',
                render: (_, r) => (
                  <>
                    {r.errors.map((e) => (
                      <Tag key={e.field + e.message} color="red">
                        {e.message}
                      </Tag>
                    ))}
                    {r.warnings.map((w) => (
                      <Tag key={w.field + w.message} color="gold">
                        {w.message}
                      </Tag>
                    ))}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
