import { Alert, Card, Col, Descriptions, Empty, Input, Row, Select, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useState } from 'react';
import { api, OfficeNode } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { Action, ActionBar } from '../tasks/action-bar';
import { MergePanel } from './merge-panel';
import { OfficeTreeSelect } from './office-tree-select';

const LEVELS = [
  { value: 'province', label: 'Tỉnh' },
  { value: 'department', label: 'Sở, ngành' },
  { value: 'district', label: 'Huyện' },
  { value: 'office', label: 'Phòng, ban' },
  { value: 'commune', label: 'Xã' },
];
const levelLabel = (level: string | null) => LEVELS.find((l) => l.value === level)?.label ?? '';
const STATUS: Record<string, { label: string; color: string }> = {
  active: { label: 'Đang hoạt động', color: 'green' },
  merged: { label: 'Đã hợp nhất', color: 'default' },
  closed: { label: 'Đã đóng', color: 'default' },
};

function treeData(nodes: OfficeNode[]): DataNode[] {
  return nodes.map((n) => ({
    key: n.code,
    title: (
      <span>
        {n.name} <Typography.Text type="secondary">({n.code})</Typography.Text>{' '}
        {n.status !== 'active' && <Tag>{STATUS[n.status]?.label}</Tag>}
      </span>
    ),
    children: treeData(n.children),
  }));
}

function find(nodes: OfficeNode[], code: string): OfficeNode | null {
  for (const n of nodes) {
    if (n.code === code) return n;
    const below = find(n.children, code);
    if (below) return below;
  }
  return null;
}

/** Item 7: the tree; create, rename, move, close; merge with a preview of the tasks that move. */
export function OfficesTab() {
  const offices = useOffices();
  const [selected, setSelected] = useState<string | null>(null);
  // Kept here: once merged, the office is no longer active and its merge panel is gone.
  const [merged, setMerged] = useState<{ code: string; into: string; moved: number } | null>(null);
  if (offices.error) return <Alert role="alert" type="error" title={offices.error.message} />;
  if (!offices.data) return null;
  const o = offices.data;
  const office = selected ? find(o.roots, selected) : null;

  const create: Action = {
    label: 'Thêm đơn vị',
    fields: [
      { name: 'code', label: 'Mã đơn vị', input: <Input />, required: true },
      { name: 'name', label: 'Tên đơn vị', input: <Input />, required: true },
      { name: 'parent', label: 'Đơn vị cấp trên', input: <OfficeTreeSelect offices={o} allowClear />, initial: selected ?? undefined },
      { name: 'level', label: 'Cấp', input: <Select options={LEVELS} allowClear /> },
      { name: 'email', label: 'Thư điện tử', input: <Input type="email" /> },
    ],
    send: async (v) => {
      const body = {
        code: String(v.code).trim(),
        name: String(v.name),
        ...(v.parent ? { parent: v.parent as string } : {}),
        ...(v.level ? { level: v.level as 'office' } : {}),
        ...(v.email ? { email: v.email as string } : {}),
      };
      await unwrap(api.POST('/v1/offices', { body }));
      setSelected(body.code);
    },
  };

  const actions: Action[] = [];
  if (office?.status === 'active') {
    const path = { path: { code: office.code } };
    actions.push(
      {
        label: 'Đổi tên',
        fields: [{ name: 'name', label: 'Tên đơn vị', input: <Input />, required: true, initial: office.name }],
        send: (v) => unwrap(api.POST('/v1/offices/{code}/rename', { params: path, body: { name: v.name as string } })),
      },
      {
        label: 'Chuyển đơn vị cấp trên',
        fields: [
          {
            name: 'parent',
            label: 'Đơn vị cấp trên',
            input: <OfficeTreeSelect offices={o} exclude={office.code} allowClear />,
            initial: office.parent ?? undefined,
          },
        ],
        send: (v) =>
          unwrap(api.POST('/v1/offices/{code}/move', { params: path, body: { parent: (v.parent as string | undefined) ?? null } })),
      },
      {
        label: 'Đóng đơn vị',
        danger: true,
        fields: [{ name: 'reason', label: 'Lý do', input: <Input.TextArea rows={2} /> }],
        send: (v) => unwrap(api.POST('/v1/offices/{code}/close', { params: path, body: v.reason ? { reason: v.reason as string } : {} })),
      },
    );
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title="Cơ cấu đơn vị" size="small" extra={<ActionBar actions={[create]} label="Thêm đơn vị" />}>
          <Tree
            aria-label="Cây đơn vị"
            treeData={treeData(o.roots)}
            defaultExpandAll
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        {office ? (
          <Card title={office.name} size="small">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'code', label: 'Mã', children: office.code },
                { key: 'level', label: 'Cấp', children: levelLabel(office.level) },
                { key: 'parent', label: 'Đơn vị cấp trên', children: office.parent ? o.name(office.parent) : '—' },
                { key: 'email', label: 'Thư điện tử', children: office.email ?? '—' },
                {
                  key: 'status',
                  label: 'Tình trạng',
                  children: (
                    <Tag color={STATUS[office.status]?.color}>
                      {STATUS[office.status]?.label ?? office.status}
                      {office.mergedInto ? ` vào ${o.name(office.mergedInto)}` : ''}
                    </Tag>
                  ),
                },
              ]}
            />
            <ActionBar actions={actions} label={`Thao tác với ${office.name}`} />
            {merged?.code === office.code && (
              <Alert
                role="status"
                type="success"
                style={{ marginTop: 16 }}
                title={`Đã hợp nhất ${office.name} vào ${o.name(merged.into)}: ${merged.moved} nhiệm vụ đã chuyển sang ${o.name(merged.into)}.`}
              />
            )}
            {office.status === 'active' && (
              <MergePanel
                key={office.code}
                office={office}
                offices={o}
                onMerged={(into, moved) => setMerged({ code: office.code, into, moved: moved.length })}
              />
            )}
          </Card>
        ) : (
          <Card size="small">
            <Empty description="Chọn một đơn vị trên cây để đổi tên, chuyển, đóng hoặc hợp nhất" />
          </Card>
        )}
      </Col>
    </Row>
  );
}
