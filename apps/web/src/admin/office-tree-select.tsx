import { TreeSelect } from 'antd';
import { OfficeNode } from '../api/client';
import { Offices } from '../api/use-offices';

interface Props {
  offices: Offices;
  /** This office and its subtree are not offered (a move or merge under itself). */
  exclude?: string;
  allowClear?: boolean;
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

/** An active office chosen in its tree, searchable by name; a form field (Form.Item gives id, value, onChange). */
export function OfficeTreeSelect({ offices, exclude, allowClear, id, value, onChange }: Props) {
  interface Option {
    value: string;
    title: string;
    children: Option[];
  }
  const options = (nodes: OfficeNode[]): Option[] =>
    nodes
      .filter((n) => n.status === 'active' && n.code !== exclude)
      .map((n) => ({ value: n.code, title: n.name, children: options(n.children) }));
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={options(offices.roots)}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder="Chọn đơn vị"
      style={{ width: '100%' }}
    />
  );
}
