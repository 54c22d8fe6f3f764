import { SetMetadata } from '@nestjs/common';
import type { Role } from '@dondoc/domain/shared';
import type { BodyKind } from '../body/body-reader';

export const ROLES_KEY = 'dondoc:roles';
export const BODY_KIND_KEY = 'dondoc:bodyKind';

/** Only these roles may call the route: checked before the body is read. */
export const RequireRole = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The route takes an uploaded file (20 MB, JSON, CSV or XLSX), not the 1 MB JSON of every other route. */
export const UploadBody = () => SetMetadata(BODY_KIND_KEY, 'upload' satisfies BodyKind);
