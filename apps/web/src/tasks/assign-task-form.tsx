import { App as AntApp, Button, Form, Input, Modal, Select, Space, TreeSelect } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, OfficeNode } from '../api/client';
import { ProblemError, unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { DeadlineFields, DeadlineValues, deadlineBody } from './deadline-fields';

interface AssignForm extends DeadlineValues {
  title: string;
  lead: string[];
  supporting?: string[];
  criterion?: string;
  expectedOutcome?: string;
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}
const tree = (nodes: OfficeNode[]): TreeNode[] => nodes.map((n) => ({ value: n.code, title: n.name, children: tree(n.children) }));

/** "Giao nhiệm vụ": one task per lead office chosen from the tree; the deadline as a date, as the plan prints it, or a cadence. */
export function AssignTaskButton({ planId, issuer, me }: { planId: string; issuer: string; me: Me }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<AssignForm>();
  const offices = useOffices();
  const plan = useQuery({
    queryKey: ['plan', planId],
    queryFn: () => unwrap(api.GET('/v1/plans/{id}', { params: { path: { id: planId } } })),
  });
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const root = me.role === 'admin' ? issuer : me.office;
  const below = offices.data?.below(root) ?? [];
  const nodes = offices.data ? tree(below.filter((o) => o.parent === root)) : [];

  const submit = async (v: AssignForm) => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/v1/plans/{id}/tasks', {
          params: { path: { id: planId } },
          body: {
            title: v.title,
            lead: v.lead,
            ...(v.supporting?.length ? { supporting: v.supporting } : {}),
            ...deadlineBody(v),
            ...(v.criterion ? { criterion: v.criterion } : {}),
            ...(v.expectedOutcome ? { expectedOutcome: v.expectedOutcome } : {}),
          },
        }),
      );
      message.success(`Đã giao ${v.lead.length} nhiệm vụ.`);
      setOpen(false);
      form.resetFields();
      await queryClient.invalidateQueries();
    } catch (error) {
      modal.error({ title: 'Không giao được nhiệm vụ', content: error instanceof ProblemError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        Giao nhiệm vụ
      </Button>
      <Modal title="Giao nhiệm vụ" open={open} onCancel={() => setOpen(false)} footer={null} width={640} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
          <Form.Item name="title" label="Tên nhiệm vụ" rules={[{ required: true, message: 'Hãy nhập tên nhiệm vụ' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            name="lead"
            label="Đơn vị chủ trì"
            extra="Mỗi đơn vị chủ trì được giao một nhiệm vụ riêng."
            rules={[{ required: true, message: 'Hãy chọn đơn vị chủ trì' }]}
          >
            <TreeSelect treeData={nodes} multiple treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="Chọn đơn vị" />
          </Form.Item>
          <Form.Item name="supporting" label="Đơn vị phối hợp">
            <Select mode="multiple" optionFilterProp="label" options={below.map((o) => ({ value: o.code, label: o.name }))} />
          </Form.Item>
          <DeadlineFields planEnd={plan.data?.period.to ?? ''} />
          <Form.Item
            name="criterion"
            label="Tiêu chí"
            rules={[{ pattern: /^\d+(\.\d+)*$/, message: 'Tiêu chí ghi bằng mã số, ví dụ 1.3.2' }]}
          >
            <Input placeholder="1.3.2" />
          </Form.Item>
          <Form.Item name="expectedOutcome" label="Kết quả cần đạt">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              Gửi
            </Button>
            <Button onClick={() => setOpen(false)}>Hủy bỏ</Button>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
