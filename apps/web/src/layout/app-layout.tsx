import { Button, Layout, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { cloneElement, lazy, Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useOffices } from '../api/use-offices';
import { credentials, Me } from '../auth/credentials';
import { KeepRecordTime, useRecordTime } from '../record-time/record-time';

// The clocks are for inspectors and admins only: their date pickers (30 KB gzip) stay off the others' first page.
const RecordTimeBar = lazy(() => import('../record-time/record-time-bar').then((m) => ({ default: m.RecordTimeBar })));

const ROLE_LABELS: Record<Me['role'], string> = { leader: 'Lãnh đạo', officer: 'Chuyên viên', inspector: 'Thanh tra', admin: 'Quản trị' };

/** The frame of every signed-in page: who is signed in, for which office, and the way out. */
export function AppLayout({ me }: { me: Me }) {
  const offices = useOffices();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const rt = useRecordTime();
  // Inspectors replay any page; an admin sees the clocks on the inspectors' pages, or once set.
  const clocks =
    me.role === 'inspector' || (me.role === 'admin' && (location.pathname.startsWith('/thanh-tra') || !!rt.knownAt || !!rt.asOf));

  const signOut = async () => {
    if (!credentials.token()) await fetch('/v1/auth/sign-out', { method: 'POST', headers: csrfHeader() }).catch(() => undefined);
    credentials.clear();
    queryClient.clear();
    navigate('/dang-nhap', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, flexWrap: 'wrap', height: 'auto', lineHeight: '48px' }}
      >
        <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 18 }}>
          Dondoc
        </Link>
        <nav aria-label="Chính" style={{ flex: 1, minWidth: 0 }}>
          {/* Plain links, not antd's Menu: a few links need no menu widget (nor its 25 KB of script). */}
          <ul className="app-nav">
            {menuFor(me).map((item) => (
              <li key={item.key}>
                {isCurrent(location.pathname, item.key) ? cloneElement(item.label, { 'aria-current': 'page' }) : item.label}
              </li>
            ))}
          </ul>
        </nav>
        <Space wrap style={{ lineHeight: 1.5, paddingBlock: 8 }}>
          <span style={{ color: '#fff' }}>
            {me.name ? `${me.name} · ` : ''}
            {ROLE_LABELS[me.role]} · {offices.data?.name(me.office) ?? me.office}
          </span>
          {!credentials.token() && (
            <Link to="/doi-mat-khau" style={{ color: '#fff' }}>
              Đổi mật khẩu
            </Link>
          )}
          <Button onClick={signOut}>Đăng xuất</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <KeepRecordTime />
        {clocks && (
          <Suspense fallback={<div style={{ minHeight: 48, marginBottom: 16 }} />}>
            <RecordTimeBar />
          </Suspense>
        )}
        <main>
          <Outlet />
        </main>
      </Layout.Content>
    </Layout>
  );
}

/** A section is current on its own pages too (`/thanh-tra/nhiem-vu/…` is under Thanh tra). */
const isCurrent = (path: string, key: string) => path === key || (key !== '/' && path.startsWith(`${key}/`));

function menuFor(me: Me) {
  const own = me.role === 'officer' ? '/' : `/?office=${encodeURIComponent(me.office)}`;
  const items = [{ key: '/', label: <Link to={own}>Công việc của đơn vị</Link> }];
  if (me.role !== 'officer') items.push({ key: '/tong-hop', label: <Link to="/tong-hop">Tổng hợp</Link> });
  if (me.role === 'leader' || me.role === 'admin') items.push({ key: '/cho-xu-ly', label: <Link to="/cho-xu-ly">Chờ xử lý</Link> });
  items.push({ key: '/ke-hoach', label: <Link to="/ke-hoach">Kế hoạch</Link> });
  items.push({ key: '/kiem-tra', label: <Link to="/kiem-tra">Kiểm tra</Link> });
  if (me.role === 'inspector' || me.role === 'admin') items.push({ key: '/thanh-tra', label: <Link to="/thanh-tra">Thanh tra</Link> });
  if (me.role === 'admin') items.push({ key: '/quan-tri', label: <Link to="/quan-tri">Quản trị</Link> });
  return items;
}

function csrfHeader(): Record<string, string> {
  const csrf = /(?:^|;\s*)dondoc_csrf=([^;]+)/.exec(document.cookie)?.[1];
  return csrf ? { 'X-CSRF-Token': decodeURIComponent(csrf) } : {};
}
