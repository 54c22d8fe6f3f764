import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditEventsQuery } from './audit-events.query';
import { AuditExportService } from './audit-export.service';
import { AuditFlagsQuery } from './audit-flags.query';
import { FilesModule } from '../files/files.module';
import { SearchRecordsController } from './search-records/search-records.controller';
import { SearchRecordsQuery } from './search-records/search-records.query';

/** The inspector's tools: GET /v1/audit/* */
@Module({
  imports: [FilesModule],
  controllers: [AuditController, SearchRecordsController],
  providers: [AuditEventsQuery, AuditFlagsQuery, AuditExportService, SearchRecordsQuery],
})
export class AuditModule {}
