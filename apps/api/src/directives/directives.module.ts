import { Module } from '@nestjs/common';
import { DirectivesController } from './directives.controller';
import { IssueDirectiveHandler } from './issue-directive/issue-directive.handler';

@Module({ controllers: [DirectivesController], providers: [IssueDirectiveHandler] })
export class DirectivesModule {}
