import { ApiProperty } from '@nestjs/swagger';

/** GET /v1/offices: the tree within the caller's subtree, for the OpenAPI document (and the web client). */
export class OfficeNodeDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) parent!: string | null;
  @ApiProperty({ type: String, nullable: true }) level!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true }) mergedInto!: string | null;
  @ApiProperty({ type: () => [OfficeNodeDto] }) children!: OfficeNodeDto[];
}

export class OfficeTreeResponseDto {
  @ApiProperty({ type: [OfficeNodeDto] }) items!: OfficeNodeDto[];
}

export class MergePreviewTaskDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() planId!: string;
  @ApiProperty({ type: String, nullable: true, example: '2027-03-31' }) dueOn!: string | null;
}

/** GET /v1/offices/:code/merge-preview: what POST …/merge would move, read from the same query. */
export class MergePreviewResponseDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() into!: string;
  @ApiProperty() intoName!: string;
  @ApiProperty({ type: [MergePreviewTaskDto] }) openTasks!: MergePreviewTaskDto[];
}
