import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { problemMessage } from '../api/problem';
import { NewPasswordFields } from '../auth/new-password-fields';

interface SetupForm {
  username: string;
  name: string;
  password: string;
  confirm: string;
}

/** `/setup?code=…`: the first run — the code printed at start-up creates the first administrator, once. */
export function SetupPage() {
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, name, password }: SetupForm) => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/v1/auth/setup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, username, name, password }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) setDone(username);
      else
        setError(
          body.code === 'SETUP_CODE_INVALID'
            ? 'Mã khởi tạo không hợp lệ hoặc đã được dùng. Hãy dùng đường dẫn mới nhất máy chủ in ra.'
            : problemMessage({ ...body, status: res.status }),
        );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <Card style={{ maxWidth: 460, margin: '8vh auto' }}>
        {done ? (
          <Result
            status="success"
            title="Đã tạo tài khoản quản trị"
            subTitle={`Đăng nhập bằng tên “${done}”.`}
            extra={<Link to="/dang-nhap">Đến trang đăng nhập</Link>}
          />
        ) : (
          <>
            <Typography.Title level={1} style={{ fontSize: 22 }}>
              Khởi tạo hệ thống
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              Chưa có người dùng nào. Tạo tài khoản quản trị đầu tiên; mã khởi tạo chỉ dùng được một lần.
            </Typography.Paragraph>
            {!code && (
              <Alert
                role="alert"
                type="warning"
                title="Thiếu mã khởi tạo: hãy mở đúng đường dẫn máy chủ in ra khi khởi động."
                style={{ marginBottom: 16 }}
              />
            )}
            {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 16 }} />}
            <Form<SetupForm> layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Hãy nhập tên đăng nhập' }]}>
                <Input autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item label="Họ và tên" name="name" rules={[{ required: true, message: 'Hãy nhập họ và tên' }]}>
                <Input autoComplete="name" />
              </Form.Item>
              <NewPasswordFields name="password" label="Mật khẩu" confirmLabel="Nhập lại mật khẩu" />
              <Button type="primary" htmlType="submit" block loading={busy} disabled={!code}>
                Tạo tài khoản quản trị
              </Button>
            </Form>
          </>
        )}
      </Card>
    </main>
  );
}
