import { App as AntApp, ConfigProvider, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ProblemError } from './api/problem';
import { useOffices } from './api/use-offices';
import { Me } from './auth/credentials';
import { useMe } from './auth/use-me';
import { AppLayout, OverviewPage, preloadSignedInPages, WorkPage } from './pages/signed-in-pages';

dayjs.locale('vi');

// Each page is its own chunk: the first page loads only what it shows.
const SignInPage = lazy(() => import('./pages/sign-in.page').then((m) => ({ default: m.SignInPage })));
const SetupPage = lazy(() => import('./pages/setup.page').then((m) => ({ default: m.SetupPage })));
const ChangePasswordPage = lazy(() => import('./pages/change-password.page').then((m) => ({ default: m.ChangePasswordPage })));
const DecisionsPage = lazy(() => import('./pages/decisions.page').then((m) => ({ default: m.DecisionsPage })));
const PlansPage = lazy(() => import('./pages/plans.page').then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => import('./pages/plan.page').then((m) => ({ default: m.PlanPage })));
const ImportPlanPage = lazy(() => import('./pages/import-plan.page').then((m) => ({ default: m.ImportPlanPage })));
const InspectorPage = lazy(() => import('./pages/inspector.page').then((m) => ({ default: m.InspectorPage })));
const TimelinePage = lazy(() => import('./pages/timeline.page').then((m) => ({ default: m.TimelinePage })));
const AdminPage = lazy(() => import('./pages/admin.page').then((m) => ({ default: m.AdminPage })));
const InspectionsPage = lazy(() => import('./pages/inspections.page').then((m) => ({ default: m.InspectionsPage })));
const InspectionPage = lazy(() => import('./pages/inspection.page').then((m) => ({ default: m.InspectionPage })));
const TaskPage = lazy(() => import('./pages/task.page').then((m) => ({ default: m.TaskPage })));

// Darker than Ant Design's defaults where text sits on them: white on the primary blue and grey
// captions on white reach WCAG AA's 4.5:1.
const THEME = {
  token: {
    fontSize: 15,
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

/** While the person types a password, the scripts of the pages after sign-in load: the next page opens at once. */
function SignInRoute() {
  useEffect(() => {
    const timer = setTimeout(preloadSignedInPages, 300);
    return () => clearTimeout(timer);
  }, []);
  return <SignInPage />;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A missing or out-of-scope resource will not appear by asking again.
      retry: (count, error) => !(error instanceof ProblemError && error.problem.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

function SignedIn() {
  const me = useMe();
  const location = useLocation();
  // The frame's and the page's scripts load while `me` is asked, not after it (one step less before the first paint).
  useEffect(() => {
    void AppLayout.preload();
    if (location.pathname === '/') void WorkPage.preload();
    else if (location.pathname === '/tong-hop') void OverviewPage.preload();
  }, []);
  if (me.isLoading) return <Spin fullscreen tip="Đang tải" />;
  if (!me.data) return <Navigate to={`/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const user = me.data;
  if (user.mustChangePassword) {
    return (
      <Suspense fallback={<Spin fullscreen tip="Đang tải" />}>
        <ChangePasswordPage forced />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<Spin fullscreen tip="Đang tải" />}>
      <Routes>
        <Route element={<AppLayout me={user} />}>
          <Route index element={<Home me={user} />} />
          <Route path="tong-hop" element={<OverviewPage me={user} />} />
          <Route path="cho-xu-ly" element={<DecisionsPage />} />
          <Route path="ke-hoach" element={<PlansPage me={user} />} />
          <Route path="ke-hoach/nhap" element={<ImportPlanPage />} />
          <Route path="ke-hoach/:id" element={<PlanPage me={user} />} />
          <Route path="kiem-tra" element={<InspectionsPage />} />
          <Route path="kiem-tra/:id" element={<InspectionPage me={user} />} />
          <Route path="tasks/:id" element={<TaskPage me={user} />} />
          <Route path="thanh-tra" element={<InspectorPage me={user} />} />
          <Route path="thanh-tra/:kind/:id" element={<TimelinePage />} />
          <Route path="quan-tri" element={<AdminPage me={user} />} />
          <Route path="doi-mat-khau" element={<ChangePasswordPage forced={false} />} />
          <Route path="*" element={<h1 style={{ fontSize: 24 }}>Không tìm thấy trang</h1>} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** `/`: an office's own work; a leader of offices below sees the overview first (`?office=` opens one office's list). */
function Home({ me }: { me: Me }) {
  const offices = useOffices();
  const location = useLocation();
  const leads =
    (me.role === 'leader' || me.role === 'admin' || me.role === 'inspector') && !new URLSearchParams(location.search).has('office');
  if (leads && !offices.data) return <Spin tip="Đang tải" />;
  if (leads && offices.data!.below(me.office).length > 0) return <Navigate to="/tong-hop" replace />;
  return <WorkPage me={me} />;
}

export function App() {
  return (
    <ConfigProvider locale={viVN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route
                path="/dang-nhap"
                element={
                  <Suspense fallback={<Spin fullscreen tip="Đang tải" />}>
                    <SignInRoute />
                  </Suspense>
                }
              />
              <Route
                path="/setup"
                element={
                  <Suspense fallback={<Spin fullscreen tip="Đang tải" />}>
                    <SetupPage />
                  </Suspense>
                }
              />
              <Route path="*" element={<SignedIn />} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
