import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DirectiveEntity } from './directive.entity';

@Injectable()
export class DirectiveQuery {
  constructor(@InjectRepository(DirectiveEntity) private readonly repo: Repository<DirectiveEntity>) {}

  find(id: string): Promise<DirectiveEntity | null> {
    return this.repo.findOneBy({ id });
  }
}
