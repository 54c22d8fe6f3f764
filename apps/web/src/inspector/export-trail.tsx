import { App as AntApp, Button, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../api/client';

/** Downloads the trail of a plan or an office subtree, and says how to check it without the server. */
export function ExportTrail({ scope }: { scope: { plan: string } | { office: string } }) {
  const [format, setFormat] = useState<'jsonl' | 'csv'>('jsonl');
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const [key, value] = 'plan' in scope ? (['plan', scope.plan] as const) : (['office', scope.office] as const);
  const file = `dondoc-audit-${key}-${value}.${format}`;
  return (
    <div>
      <Space wrap>
        <Radio.Group
          aria-label="Định dạng tệp nhật ký"
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          optionType="button"
          options={[
            { value: 'jsonl', label: 'JSONL' },
            { value: 'csv', label: 'CSV' },
          ]}
        />
        <Button
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await downloadFile(`/v1/audit/export?${new URLSearchParams({ [key]: value, format })}`);
            } catch {
              message.error('Không tải được nhật ký. Hãy thử lại.');
            } finally {
              setBusy(false);
            }
          }}
        >
          Tải nhật ký
        </Button>
      </Space>
      {format === 'jsonl' ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          Kiểm tra tệp không cần máy chủ (mã băm từng sự kiện, chuỗi liên kết và các mốc neo kèm theo), trong thư mục mã nguồn Dondoc:{' '}
          <Typography.Text code copyable>{`npm run verify-export -- ${file}`}</Typography.Text>
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          Tệp CSV để đọc bằng bảng tính; để kiểm tra toàn vẹn, hãy tải bản JSONL.
        </Typography.Paragraph>
      )}
    </div>
  );
}
