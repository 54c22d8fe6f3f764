import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../application/request-context';
import type { IssueDirectiveRequestDto } from './issue-directive.request.dto';

export interface IssueDirectiveResult {
  id: string;
  version: number;
  created: boolean;
  position: string | null;
}

export class IssueDirectiveCommand extends Command<IssueDirectiveResult> {
  constructor(
    readonly body: IssueDirectiveRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
