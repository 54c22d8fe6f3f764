import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { FindingsReportService } from './findings-report.service';
import { ReportExportService } from './export-report/report-export.service';

// ReportExportService is exported for GET /v1/tasks?format= (TasksModule).
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, FindingsReportService, ReportExportService],
  exports: [ReportExportService],
})
export class ReportsModule {}
