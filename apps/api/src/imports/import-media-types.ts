/** The content types POST /v1/imports reads. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPES = ['text/csv', 'application/csv'];
export const JSON_TYPES = ['application/json'];
