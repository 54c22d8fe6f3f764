import { Alert, Button, List, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { rawPost } from '../api/client';
import { problemMessage } from '../api/problem';
import { InspectionView, SEVERITY_LABEL } from './inspection-types';

interface Issue {
  field: string;
  message: string;
}
interface Row {
  at: number;
  office: string | null;
  officeMatch: 'code' | 'name' | null;
  criterion: string | null;
  severity: string;
  description: string;
  requirement: string;
  errors: Issue[];
}
interface Preview {
  ok: boolean;
  rows: Row[];
  errors: Issue[];
}

const HOW = { code: 'theo mã', name: 'theo tên' } as const;
const contentTypeOf = (file: File) =>
  file.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';

/** "Nhập phát hiện từ tệp": a conclusion's list of findings (CSV, XLSX), previewed row by row, then recorded all at once. */
export function ImportFindingsButton({ inspection }: { inspection: InspectionView }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const name = (code: string) => inspection.offices.find((o) => o.code === code)?.name ?? code;

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const { status, body } = await rawPost<Preview & { code?: string }>(
        `/v1/inspections/${inspection.id}/findings/import${dryRun ? '?dryRun=true' : ''}`,
        file,
        contentTypeOf(file),
      );
      if (dryRun && status === 200) setPreview(body);
      else if (!dryRun && status === 201) {
        await queryClient.invalidateQueries();
        setOpen(false);
        setFile(null);
        setPreview(null);
      } else setError(problemMessage({ ...(body as object), status }));
    } finally {
      setBusy(false);
    }
  };

  const issues = preview ? [...preview.errors, ...preview.rows.flatMap((r) => r.errors)] : [];
  return (
    <>
      <Button onClick={() => setOpen(true)}>Nhập phát hiện từ tệp</Button>
      <Modal title="Nhập phát hiện từ tệp" open={open} onCancel={() => setOpen(false)} footer={null} width={960} destroyOnHidden>
        <Typography.Paragraph>
          Bảng phát hiện của kết luận kiểm tra (Excel hoặc CSV), mỗi dòng một phát hiện, với các cột Đơn vị được kiểm tra, Tiêu chí, Mức độ,
          Nội dung phát hiện, Yêu cầu khắc phục.
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Upload
            accept=".xlsx,.csv"
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
              Ghi nhận {preview.rows.length} phát hiện
            </Button>
          )}
        </Space>
        {error && <Alert role="alert" type="error" title={error} />}
        {preview && (
          <>
            <Alert
              role="status"
              type={preview.ok ? 'success' : 'error'}
              title={preview.ok ? `${preview.rows.length} phát hiện sẽ được ghi nhận` : `Tệp có ${issues.length} lỗi: chưa thể nhập`}
              style={{ marginBottom: 16 }}
            />
            {issues.length > 0 && (
              <List
                size="small"
                style={{ marginBottom: 16 }}
                dataSource={issues}
                renderItem={(e) => <List.Item>{`${e.field}: ${e.message}`}</List.Item>}
              />
            )}
            <Table<Row>
              rowKey="at"
              size="small"
              caption="Các dòng của tệp, như được hiểu"
              dataSource={preview.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 900 }}
              columns={[
                { title: 'Dòng', dataIndex: 'at', width: 70 },
                {
                  title: 'Đơn vị',
                  key: 'office',
                  render: (_, r) => (r.office ? `${name(r.office)} (${HOW[r.officeMatch ?? 'code']})` : ''),
                },
                { title: 'Tiêu chí', dataIndex: 'criterion', render: (c: string | null) => c ?? '' },
                { title: 'Mức độ', dataIndex: 'severity', render: (s: string) => SEVERITY_LABEL[s] ?? s },
                { title: 'Nội dung phát hiện', dataIndex: 'description' },
                { title: 'Yêu cầu khắc phục', dataIndex: 'requirement' },
                {
                  title: 'Ghi chú',
                  key: 'errors',
                  render: (_, r) =>
                    r.errors.map((e) => (
                      <Tag key={e.field} color="red">
                        {e.message}
                      </Tag>
                    )),
                },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
