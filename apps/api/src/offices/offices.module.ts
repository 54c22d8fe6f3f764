import { Module } from '@nestjs/common';
import { ChangeOfficeHandler } from './change-office/change-office.handler';
import { OfficeTreeLock } from './change-office/office-tree-lock';
import { MergeOfficeHandler } from './merge-office/merge-office.handler';
import { OfficesController } from './offices.controller';
import { RegisterOfficeHandler } from './register-office/register-office.handler';

@Module({ controllers: [OfficesController], providers: [RegisterOfficeHandler, ChangeOfficeHandler, MergeOfficeHandler, OfficeTreeLock] })
export class OfficesModule {}
