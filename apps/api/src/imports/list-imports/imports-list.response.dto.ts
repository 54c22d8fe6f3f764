import { ApiProperty } from '@nestjs/swagger';

export class ImportCreatedDto {
  @ApiProperty({ type: [String], description: 'office codes registered by the import' }) offices!: string[];
  @ApiProperty({ type: [String], description: 'directive numbers registered by the import' }) directives!: string[];
  @ApiProperty() tasks!: number;
}

export class ImportActorDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() role!: string;
  @ApiProperty() office!: string;
}

export class ImportDoneDto {
  @ApiProperty() planCode!: string;
  @ApiProperty() planId!: string;
  @ApiProperty({ enum: ['json', 'csv', 'xlsx'] }) format!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the uploaded file’s name, when the client gave it' }) fileName!: string | null;
  @ApiProperty({ description: 'SHA-256 of the file’s content as read' }) contentHash!: string;
  @ApiProperty({ example: '2024-01-15' }) assignedOn!: string;
  @ApiProperty({ type: ImportCreatedDto }) created!: ImportCreatedDto;
  @ApiProperty({ description: 'rows imported without a deadline' }) noDeadline!: number;
  @ApiProperty() warnings!: number;
  @ApiProperty({ type: ImportActorDto }) by!: ImportActorDto;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class ImportsListResponseDto {
  @ApiProperty({ type: [ImportDoneDto] }) items!: ImportDoneDto[];
}
