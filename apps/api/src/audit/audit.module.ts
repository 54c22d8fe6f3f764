import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditEventsQuery } from './audit-events.query';
import { AuditExportService } from './audit-export.service';
import { AuditFlagsQuery } from './audit-flags.query';
import { FilesModule } from '../files/files.module';

/** The inspector's tools: GET /v1/audit/* */
@Module({ imports: [FilesModule], controllers: [AuditController], providers: [AuditEventsQuery, AuditFlagsQuery, AuditExportService] })
export class AuditModule {}
