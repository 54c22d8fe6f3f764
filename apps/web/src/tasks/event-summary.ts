import type { TaskEvent } from '../api/client';
import { formatDate } from '../format';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** One line a person reads for each event of a task's trail. */
export function eventSummary(e: TaskEvent): string {
  const d = e.data;
  switch (e.type) {
    case 'TaskAssigned': {
      const due = str((d.deadline as { dueOn?: string } | undefined)?.dueOn);
      return `Giao nhiệm vụ${due ? `, thời hạn ${formatDate(due)}` : ', chưa có thời hạn'}`;
    }
    case 'TaskAcknowledged':
      return 'Tiếp nhận nhiệm vụ';
    case 'ProgressReported':
      return `Báo cáo tiến độ: ${str(d.note)}${typeof d.percent === 'number' ? ` (${d.percent} %)` : ''}`;
    case 'ExtensionRequested':
      return `Xin gia hạn đến ${formatDate(str(d.dueOn))}: ${str(d.reason)}`;
    case 'ExtensionGranted':
      return `Đồng ý gia hạn đến ${formatDate(str(d.dueOn))}`;
    case 'ExtensionDenied':
      return `Từ chối gia hạn: ${str(d.reason)}`;
    case 'DeadlineChanged':
      return `Đổi thời hạn ${formatDate(str(d.previousDueOn))} → ${formatDate(str(d.dueOn))}: ${str(d.reason)}`;
    case 'CompletionReported':
      return `Báo cáo hoàn thành ngày ${formatDate(str(d.completedOn))}: ${str(d.note)}`;
    case 'CompletionAccepted':
      return 'Xác nhận hoàn thành';
    case 'CompletionReturned':
      return `Trả lại báo cáo hoàn thành: ${str(d.reason)}`;
    case 'TaskReassigned':
      return `Giao lại từ ${str(d.from)} cho ${str(d.to)}: ${str(d.reason)}`;
    case 'TaskCancelled':
      return `Hủy nhiệm vụ: ${str(d.reason)}`;
    case 'TaskReopened':
      return `Mở lại nhiệm vụ: ${str(d.reason)}`;
    default:
      return e.type;
  }
}
