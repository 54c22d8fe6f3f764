import type { OfficeNode } from '../api/client';

export interface OfficeTreeNode {
  value: string;
  title: string;
  children: OfficeTreeNode[];
}

/** The office tree as a TreeSelect takes it: names shown, codes chosen. */
export const officeTree = (nodes: OfficeNode[]): OfficeTreeNode[] =>
  nodes.map((n) => ({ value: n.code, title: n.name, children: officeTree(n.children) }));
