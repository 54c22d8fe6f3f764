import { Result, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { DigestsTab } from '../admin/digests-tab';
import { ImportsTab } from '../admin/imports-tab';
import { OfficesTab } from '../admin/offices-tab';
import { SystemTab } from '../admin/system-tab';
import { UsersTab } from '../admin/users-tab';
import { Me } from '../auth/credentials';

const TABS = [
  { key: 'don-vi', label: 'Đơn vị', children: <OfficesTab /> },
  { key: 'nguoi-dung', label: 'Người dùng', children: <UsersTab /> },
  { key: 'nhap', label: 'Nhập dữ liệu', children: <ImportsTab /> },
  { key: 'ban-tin', label: 'Bản tin', children: <DigestsTab /> },
  { key: 'he-thong', label: 'Hệ thống', children: <SystemTab /> },
];

/** `/quan-tri`: offices, people, imports, digests and the system, for administrators (issue 17, items 7–9). */
export function AdminPage({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  // The API refuses these routes to anyone else; the page says so rather than showing empty tables.
  if (me.role !== 'admin') return <Result status="403" title="Trang này dành cho quản trị hệ thống" />;
  const active = TABS.some((t) => t.key === params.get('muc')) ? params.get('muc')! : 'don-vi';
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Quản trị
      </Typography.Title>
      <Tabs activeKey={active} onChange={(key) => setParams({ muc: key })} items={TABS} destroyOnHidden />
    </>
  );
}
