import { Alert, Button, Card, Collapse, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { problemMessage } from '../api/problem';
import { fetchOffices } from '../api/use-offices';
import { credentials } from '../auth/credentials';
import { fetchMe, meOf, SessionUser } from '../auth/use-me';
import { recordTimeOf } from '../record-time/record-time';
import { completionQuery, defaultCompletionQuery } from './completion-query';
import { preloadSignedInPages } from './signed-in-pages';
import { useSignInOptions } from '../auth/sign-in-options';

interface SignInForm {
  username: string;
  password: string;
}

/** /dang-nhap: username and password; an integration may paste a bearer token instead. */
export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const options = useSignInOptions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/';

  // Forget what the signed-out page knew (a `me` of nobody would send the person straight back here).
  // `user`: the sign-in's answer, the same view as /v1/auth/me: who is signed in is known without
  // asking again. A session that may read (a grant, no forced password change) has the next page's
  // questions asked now and together (the office tree; a leader's overview report), not one after
  // the other once it opens.
  const done = (user?: SessionUser['user']) => {
    queryClient.clear();
    const me = user === undefined ? null : meOf(user);
    if (me) queryClient.setQueryData(['me'], me);
    else void queryClient.prefetchQuery({ queryKey: ['me'], queryFn: fetchMe });
    if (me && !me.mustChangePassword) {
      void queryClient.prefetchQuery({ queryKey: ['offices'], queryFn: fetchOffices });
      // `/` sends those who lead offices below to the overview (app.tsx): its report is asked for
      // with the tree (for a leader of no office below, one small report asked for nothing).
      if (me.role !== 'officer' && (next === '/' || next === '/tong-hop'))
        void queryClient.prefetchQuery(completionQuery(defaultCompletionQuery(me.office, recordTimeOf(me.role))));
    }
    navigate(next, { replace: true });
  };

  const signIn = async (values: SignInForm) => {
    setBusy(true);
    setError(null);
    // The next pages' scripts load while the password is checked (the server's scrypt takes a while).
    preloadSignedInPages();
    try {
      credentials.clear();
      const res = await fetch('/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(values),
      });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        setError(problemMessage({ ...body, status: res.status }));
        return;
      }
      const { user } = (await res.json().catch(() => ({}))) as Partial<SessionUser>;
      done(user ?? null);
    } finally {
      setBusy(false);
    }
  };

  const useToken = async ({ token }: { token: string }) => {
    if (!credentials.useToken(token)) {
      setError('Mã truy cập không hợp lệ.');
      return;
    }
    done();
  };

  return (
    <main className="sign-in">
      <Card style={{ maxWidth: 420, margin: '10vh auto' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          Dondoc — Đăng nhập
        </Typography.Title>
        <Typography.Paragraph type="secondary">Theo dõi, đôn đốc thực hiện nhiệm vụ được giao.</Typography.Paragraph>
        {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 16 }} />}
        <Form<SignInForm> layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Hãy nhập tên đăng nhập' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Hãy nhập mật khẩu' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Đăng nhập
          </Button>
        </Form>
        {options.data?.sso && (
          <Button href="/v1/auth/oidc/login" block style={{ marginTop: 12 }}>
            Đăng nhập một lần (SSO)
          </Button>
        )}
        {options.data?.setupRequired && (
          <Alert
            type="info"
            style={{ marginTop: 16 }}
            title="Hệ thống chưa có người dùng: mở đường dẫn khởi tạo (/setup?code=…) mà máy chủ in ra khi khởi động để tạo tài khoản quản trị đầu tiên."
          />
        )}
        <Collapse
          ghost
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'token',
              label: 'Dùng mã truy cập (dành cho tích hợp, kiểm thử)',
              children: (
                <Form<{ token: string }> layout="vertical" onFinish={useToken}>
                  <Form.Item label="Mã truy cập" name="token" rules={[{ required: true, message: 'Hãy dán mã truy cập' }]}>
                    <Input.TextArea rows={3} />
                  </Form.Item>
                  <Button htmlType="submit">Dùng mã này</Button>
                </Form>
              ),
            },
          ]}
        />
      </Card>
    </main>
  );
}
