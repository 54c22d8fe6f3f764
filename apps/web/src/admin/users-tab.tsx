import { Alert, App as AntApp, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { Offices, useOffices } from '../api/use-offices';
import { formatInstant } from '../format';
import { Action, ActionBar } from '../tasks/action-bar';
import { Grant, listUsers, Role, ROLE_LABELS, ROLE_OPTIONS, User } from './admin-api';
import { OfficeTreeSelect } from './office-tree-select';
import { SecurityLogTable } from './security-log-table';

const grantText = (g: Grant, offices: Offices) => `${ROLE_LABELS[g.role]} · ${offices.name(g.office)}`;

/** Item 8: users with their grants; create, grant and revoke, disable and enable, reset a password; the security log. */
export function UsersTab() {
  const offices = useOffices();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: listUsers });
  const { modal } = AntApp.useApp();
  if (users.error) return <Alert role="alert" type="error" title={users.error.message} />;
  const o = offices.data;
  if (!o) return null;

  // A one-time password is shown once, here: the server keeps only its hash.
  const showPassword = (who: string, oneTimePassword: string) =>
    modal.success({
      title: `Mật khẩu dùng một lần của ${who}`,
      content: (
        <Space orientation="vertical">
          <Typography.Text copyable strong style={{ fontSize: 18 }}>
            {oneTimePassword}
          </Typography.Text>
          <span>Hãy chuyển cho người dùng qua kênh an toàn; mật khẩu chỉ hiện một lần và phải đổi khi đăng nhập.</span>
        </Space>
      ),
    });

  const grantFields = [
    { name: 'role', label: 'Vai trò', input: <Select options={ROLE_OPTIONS} />, required: true },
    { name: 'office', label: 'Đơn vị', input: <OfficeTreeSelect offices={o} />, required: true },
  ];
  const create: Action = {
    label: 'Thêm người dùng',
    fields: [
      { name: 'username', label: 'Tên đăng nhập', input: <Input autoComplete="off" />, required: true },
      { name: 'name', label: 'Họ và tên', input: <Input />, required: true },
      { name: 'email', label: 'Thư điện tử', input: <Input type="email" /> },
      ...grantFields,
    ],
    send: async (v) => {
      const body = {
        username: String(v.username).trim(),
        name: String(v.name),
        ...(v.email ? { email: v.email as string } : {}),
        grants: [{ role: v.role as Role, office: v.office as string }],
      };
      const res = (await unwrap(api.POST('/v1/users', { body }))) as unknown as { oneTimePassword?: string };
      if (res.oneTimePassword) showPassword(body.name, res.oneTimePassword);
    },
  };

  const actionsFor = (u: User): Action[] => {
    const path = { path: { id: u.id } };
    const actions: Action[] = [
      {
        label: 'Cấp quyền',
        fields: grantFields,
        send: (v) =>
          unwrap(api.POST('/v1/users/{id}/grants', { params: path, body: { role: v.role as Role, office: v.office as string } })),
      },
    ];
    if (u.grants.length)
      actions.push({
        label: 'Thu hồi quyền',
        danger: true,
        fields: [
          {
            name: 'grant',
            label: 'Quyền',
            input: <Select options={u.grants.map((g, i) => ({ value: i, label: grantText(g, o) }))} />,
            required: true,
          },
        ],
        send: (v) => unwrap(api.POST('/v1/users/{id}/grants/revoke', { params: path, body: u.grants[v.grant as number] })),
      });
    if (u.status === 'active') {
      actions.push(
        {
          label: 'Đặt lại mật khẩu',
          fields: [],
          send: async () => {
            const res = (await unwrap(api.POST('/v1/users/{id}/password-reset', { params: path }))) as unknown as {
              oneTimePassword: string;
            };
            showPassword(u.name, res.oneTimePassword);
          },
        },
        {
          label: 'Vô hiệu hóa',
          danger: true,
          fields: [{ name: 'reason', label: 'Lý do', input: <Input.TextArea rows={2} />, required: true }],
          send: (v) => unwrap(api.POST('/v1/users/{id}/disable', { params: path, body: { reason: v.reason as string } })),
        },
      );
    } else
      actions.push({
        label: 'Kích hoạt lại',
        fields: [],
        send: () => unwrap(api.POST('/v1/users/{id}/enable', { params: path, body: {} })),
      });
    return actions;
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <section aria-label="Người dùng">
        <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }} wrap>
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            Người dùng ({users.data?.length ?? '…'})
          </Typography.Title>
          <ActionBar actions={[create]} label="Thêm người dùng" />
        </Space>
        <Table<User>
          rowKey="id"
          size="small"
          loading={users.isLoading}
          dataSource={users.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: 'Họ và tên',
              dataIndex: 'name',
              render: (name: string, u) => (
                <span>
                  {name}
                  <br />
                  <Typography.Text type="secondary">
                    {u.username}
                    {u.email ? ` · ${u.email}` : ''}
                  </Typography.Text>
                </span>
              ),
            },
            {
              title: 'Quyền',
              dataIndex: 'grants',
              render: (grants: Grant[]) =>
                grants.length ? (
                  grants.map((g) => <Tag key={`${g.role}:${g.office}`}>{grantText(g, o)}</Tag>)
                ) : (
                  <Typography.Text type="secondary">Chưa có quyền</Typography.Text>
                ),
            },
            {
              title: 'Tình trạng',
              dataIndex: 'status',
              render: (status: User['status'], u) =>
                status === 'active' ? (
                  <Tag color="green">{u.mustChangePassword ? 'Chờ đổi mật khẩu' : 'Đang hoạt động'}</Tag>
                ) : (
                  <span>
                    <Tag color="red">Đã vô hiệu hóa</Tag>
                    {u.disabledReason ? <Typography.Text type="secondary"> {u.disabledReason}</Typography.Text> : null}
                  </span>
                ),
            },
            { title: 'Ngày tạo', dataIndex: 'createdAt', render: (at: string) => formatInstant(at) },
            {
              title: 'Thao tác',
              key: 'actions',
              render: (_v, u) => <ActionBar actions={actionsFor(u)} label={`Thao tác với ${u.name} (${u.username})`} />,
            },
          ]}
        />
      </section>
      <SecurityLogTable />
    </Space>
  );
}
