/** An API refusal (application/problem+json), said in Vietnamese for the person who caused it. */
export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

const MESSAGES: Record<string, string> = {
  VERSION_MISMATCH: 'Nhiệm vụ vừa được người khác cập nhật. Hãy tải lại trang để xem thông tin mới nhất.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  TASK_NOT_FOUND: 'Không tìm thấy nhiệm vụ, hoặc nhiệm vụ không thuộc phạm vi của bạn.',
  TASK_ALREADY_COMPLETED: 'Nhiệm vụ đã hoàn thành.',
  TASK_CANCELLED: 'Nhiệm vụ đã bị hủy.',
  EXTENSION_AFTER_DEADLINE: 'Đã quá thời hạn: không thể xin gia hạn nữa.',
  DEADLINE_PHRASE_UNREADABLE: 'Không đọc được thời hạn đã nhập. Hãy ghi ngày cụ thể (dd/mm/yyyy) hoặc một kỳ như "Quý IV/2027".',
  VALIDATION_FAILED: 'Thông tin nhập chưa hợp lệ.',
  INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  TOO_MANY_REQUESTS: 'Bạn đã thử quá nhiều lần. Hãy chờ một lát rồi thử lại.',
  DATABASE_UNAVAILABLE: 'Hệ thống đang tạm gián đoạn. Hãy thử lại sau ít phút.',
  CSRF_TOKEN_MISSING: 'Phiên làm việc không hợp lệ. Hãy tải lại trang.',
  UNKNOWN_FILE:
    'Một tệp minh chứng không còn trên hệ thống (tệp chưa được báo cáo nào dùng sẽ bị xóa sau 24 giờ). Hãy bỏ tệp đó, tải lên lại rồi gửi.',
};

const BY_STATUS: Record<number, string> = {
  401: 'Bạn cần đăng nhập lại.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy, hoặc không thuộc phạm vi của bạn.',
  409: 'Thao tác không phù hợp với tình trạng hiện tại của nhiệm vụ.',
  412: MESSAGES.VERSION_MISMATCH,
  413: 'Dữ liệu gửi lên quá lớn.',
  429: MESSAGES.TOO_MANY_REQUESTS,
  503: MESSAGES.DATABASE_UNAVAILABLE,
};

export function problemMessage(p: Problem): string {
  const base = (p.code && MESSAGES[p.code]) || BY_STATUS[p.status] || 'Không thực hiện được thao tác.';
  const fields = p.errors?.length ? ` (${p.errors.map((e) => e.field).join(', ')})` : '';
  return base + fields;
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problemMessage(problem));
  }
}

/** openapi-fetch answers `{ data, error, response }`: unwrap to the data or throw the problem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ProblemError({ ...(typeof error === 'object' && error ? (error as object) : {}), status: response.status });
  return data as T;
}
