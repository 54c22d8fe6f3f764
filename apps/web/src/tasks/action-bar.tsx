import { App as AntApp, Button, Form, FormRule, Modal, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { ProblemError } from '../api/problem';

export type Values = Record<string, unknown>;

export interface Field {
  name: string;
  label: string;
  input: ReactNode;
  required?: boolean;
  initial?: unknown;
  rules?: FormRule[];
  /** `false`: checked only when the form is sent (the field revalidates itself after). */
  validateTrigger?: false;
}

export interface Action {
  label: string;
  danger?: boolean;
  fields: Field[];
  send(values: Values): Promise<unknown>;
}

/** The actions the reader may take, and only those; each opens a small form that ends with "Gửi". */
export function ActionBar({ actions, label = 'Thao tác' }: { actions: Action[]; label?: string }) {
  const [active, setActive] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  if (!actions.length) return null;

  const run = async (action: Action, values: Values) => {
    setBusy(true);
    try {
      await action.send(values);
      message.success(`Đã ghi nhận: ${action.label.toLowerCase()}.`);
      setActive(null);
      await queryClient.invalidateQueries();
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : null;
      if (problem?.status === 412) {
        setActive(null);
        modal.confirm({
          title: 'Trang đã cũ',
          content: error instanceof Error ? error.message : '',
          okText: 'Tải lại',
          cancelText: 'Đóng',
          onOk: () => queryClient.invalidateQueries(),
        });
      } else modal.error({ title: 'Không thực hiện được', content: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={label}>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a.label}
            danger={a.danger}
            type={a.danger ? 'default' : 'primary'}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue(Object.fromEntries(a.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial])));
              if (a.fields.length) setActive(a);
              else void run(a, {});
            }}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      <Modal title={active?.label} open={!!active} onCancel={() => setActive(null)} footer={null} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(values) => active && run(active, values)} requiredMark="optional">
          {active?.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              validateTrigger={f.validateTrigger}
              rules={[...(f.required ? [{ required: true, message: `Hãy nhập ${f.label.toLowerCase()}` }] : []), ...(f.rules ?? [])]}
            >
              {f.input}
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              Gửi
            </Button>
            <Button onClick={() => setActive(null)}>Hủy bỏ</Button>
          </Space>
        </Form>
      </Modal>
    </section>
  );
}
