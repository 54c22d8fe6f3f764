/** What GET /v1/inspections/:id answers (the page reads it with rawGet: the route has no response schema). */
export interface FindingView {
  id: string;
  office: string;
  criterion: string | null;
  severity: 'minor' | 'major';
  description: string;
  requirement: string;
  status: 'open' | 'resolved' | 'withdrawn';
  remediation: { taskId: string; lead: string | null; title: string | null; dueOn: string | null }[];
  remediationStatus: 'REMEDIED_ON_TIME' | 'REMEDIED_LATE' | 'OPEN' | 'OVERDUE' | 'WITHDRAWN' | null;
  dueOn: string | null;
  version: number;
}

export interface InspectionView {
  id: string;
  code: string | null;
  title: string;
  inspectingOffice: string;
  inspectingOfficeName?: string;
  /** With their names: the inspecting office reads the offices beside it by name here. */
  offices: { code: string; name?: string; conductedOn: string | null }[];
  period: { from: string; to: string };
  criteria: string[];
  plan: string | null;
  status: 'planned' | 'concluded' | 'cancelled';
  conclusion: { documentNumber: string; concludedOn: string } | null;
  version: number;
  findings: FindingView[];
}

export const SEVERITY_LABEL: Record<string, string> = { major: 'Nghiêm trọng', minor: 'Thông thường' };

export const REMEDIATION_LABEL: Record<string, { label: string; color: string }> = {
  REMEDIED_ON_TIME: { label: 'Đã khắc phục đúng hạn', color: 'green' },
  REMEDIED_LATE: { label: 'Đã khắc phục trễ hạn', color: 'orange' },
  OPEN: { label: 'Đang khắc phục', color: 'blue' },
  OVERDUE: { label: 'Quá hạn khắc phục', color: 'red' },
  WITHDRAWN: { label: 'Đã rút', color: 'default' },
};

export const INSPECTION_STATUS: Record<string, string> = { planned: 'Đang kiểm tra', concluded: 'Đã kết luận', cancelled: 'Đã hủy' };
