import { ApiProperty } from '@nestjs/swagger';

export class PlanListItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ format: 'date' }) periodFrom!: string;
  @ApiProperty({ format: 'date' }) periodTo!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'tasks not cancelled' }) tasks!: number;
  @ApiProperty({ description: 'tasks whose completion was accepted' }) done!: number;
}

export class PlanListResponseDto {
  @ApiProperty({ type: [PlanListItemDto] }) items!: PlanListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
