import { Form, Input } from 'antd';

/** A new password and its repetition, with the server's rule said up front (≥ 10 characters, not a common one). */
export function NewPasswordFields({ name, label, confirmLabel }: { name: string; label: string; confirmLabel: string }) {
  return (
    <>
      <Form.Item
        label={label}
        name={name}
        extra="Ít nhất 10 ký tự, không phải mật khẩu phổ biến."
        rules={[{ required: true, min: 10, message: 'Mật khẩu cần ít nhất 10 ký tự' }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={confirmLabel}
        name="confirm"
        dependencies={[name]}
        rules={[
          { required: true, message: `Hãy ${confirmLabel.toLowerCase()}` },
          ({ getFieldValue }) => ({
            validator: (_, v) => (v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error('Hai mật khẩu không khớp'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
