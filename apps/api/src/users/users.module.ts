import { Module } from '@nestjs/common';
import { DemoUsersSeeder } from './demo-users.seeder';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ controllers: [UsersController], providers: [UsersService, DemoUsersSeeder], exports: [UsersService, DemoUsersSeeder] })
export class UsersModule {}
