import { Alert, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, Schemas } from '../api/client';
import { unwrap } from '../api/problem';
import { formatInstant } from '../format';

type Entry = Schemas['SecurityLogEntryDto'];
type Kind = Entry['kind'];

const KINDS: { value: string; label: string }[] = [
  { value: 'sign-in-failed', label: 'Đăng nhập thất bại' },
  { value: 'sign-in-throttled', label: 'Bị chặn vì thử quá nhiều lần' },
  { value: 'sign-in', label: 'Đăng nhập' },
  { value: 'sign-out', label: 'Đăng xuất' },
  { value: 'session-expired', label: 'Phiên hết hạn' },
  { value: 'grant-switched', label: 'Đổi vai trò' },
  { value: 'password-changed', label: 'Đổi mật khẩu' },
  { value: 'password-change-failed', label: 'Đổi mật khẩu thất bại' },
  { value: 'setup-used', label: 'Khởi tạo hệ thống' },
];
const kindLabel = (kind: string) => KINDS.find((k) => k.value === kind)?.label ?? kind;

/** The sign-in security log, failed sign-ins first chosen: who tried which name, from where, when. */
export function SecurityLogTable() {
  const [kind, setKind] = useState<string | undefined>('sign-in-failed');
  const log = useQuery({
    queryKey: ['admin', 'security-log', kind],
    queryFn: () => unwrap(api.GET('/v1/security-log', { params: { query: { limit: 200, ...(kind ? { kind: kind as Kind } : {}) } } })),
  });
  return (
    <section aria-label="Nhật ký đăng nhập">
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }} wrap>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          Nhật ký đăng nhập
        </Typography.Title>
        <Select
          aria-label="Loại sự kiện"
          value={kind}
          onChange={setKind}
          allowClear
          placeholder="Tất cả sự kiện"
          options={KINDS}
          style={{ minWidth: 240 }}
        />
      </Space>
      {log.error ? (
        <Alert role="alert" type="error" title={log.error.message} />
      ) : (
        <Table<Entry>
          rowKey="id"
          size="small"
          loading={log.isLoading}
          dataSource={log.data?.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          locale={{ emptyText: 'Chưa có sự kiện nào' }}
          columns={[
            { title: 'Thời điểm', dataIndex: 'at', render: (at: string) => formatInstant(at) },
            { title: 'Sự kiện', dataIndex: 'kind', render: kindLabel },
            { title: 'Tên đăng nhập', dataIndex: 'username', render: (u: string | null) => u ?? '—' },
            { title: 'Địa chỉ IP', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
            { title: 'Chi tiết', dataIndex: 'detail', render: (d: string | null) => d ?? '' },
          ]}
        />
      )}
    </section>
  );
}
