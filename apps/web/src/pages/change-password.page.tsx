import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { problemMessage } from '../api/problem';
import { NewPasswordFields } from '../auth/new-password-fields';
import { csrfHeader } from '../auth/sign-in-options';

interface ChangeForm {
  current: string;
  next: string;
  confirm: string;
}

/** `/doi-mat-khau`: a one-time password must be changed before anything else; anyone may change theirs. */
export function ChangePasswordPage({ forced }: { forced: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const submit = async ({ current, next }: ChangeForm) => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/v1/auth/password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...csrfHeader() },
        body: JSON.stringify({ current, next }),
      });
      if (res.ok) {
        queryClient.clear();
        navigate('/', { replace: true });
        return;
      }
      const body = await res.json().catch(() => ({}));
      setError(body.code === 'WRONG_CURRENT_PASSWORD' ? 'Mật khẩu hiện tại không đúng.' : problemMessage({ ...body, status: res.status }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 460, margin: '6vh auto' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Đổi mật khẩu
      </Typography.Title>
      {forced && (
        <Alert
          type="info"
          title="Bạn đang dùng mật khẩu một lần: hãy đặt mật khẩu của riêng mình để tiếp tục."
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 16 }} />}
      <Form<ChangeForm> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="Mật khẩu hiện tại" name="current" rules={[{ required: true, message: 'Hãy nhập mật khẩu hiện tại' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <NewPasswordFields name="next" label="Mật khẩu mới" confirmLabel="Nhập lại mật khẩu mới" />
        <Button type="primary" htmlType="submit" block loading={busy}>
          Gửi
        </Button>
      </Form>
    </Card>
  );
}
