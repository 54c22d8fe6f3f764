import { invalid } from '@dondoc/domain/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** `limit` (default 50, max 500) and an opaque `cursor`, as API.md pages every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() cursor?: string;
}

/** One page of a list already in order: `{ items, nextCursor }` (the cursor is the offset, opaque to clients). */
export function pageOf<T>(all: T[], q: PageQueryDto): { items: T[]; nextCursor: string | null } {
  const limit = q.limit ?? 50;
  const from = q.cursor ? decodeOffset(q.cursor) : 0;
  const items = all.slice(from, from + limit);
  return { items, nextCursor: from + limit < all.length ? encodeOffset(from + limit) : null };
}

export const encodeOffset = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

export function decodeOffset(cursor: string): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw invalid('INVALID_CURSOR', 'cursor is not one this list gave', 'cursor');
  return Number(m[1]);
}
