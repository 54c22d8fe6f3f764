import { Module } from '@nestjs/common';
import { MergeOfficeHandler } from './merge-office/merge-office.handler';
import { OfficesController } from './offices.controller';
import { RegisterOfficeHandler } from './register-office/register-office.handler';

@Module({ controllers: [OfficesController], providers: [RegisterOfficeHandler, MergeOfficeHandler] })
export class OfficesModule {}
