export const PG_POOL = Symbol('PgPool');
export const DATABASE_URL = Symbol('DatabaseUrl');
