import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { FINDING_SEVERITIES, FindingSeverity } from '@dondoc/domain/inspection';
import { OFFICE_CODE, officeCodeMessage } from '../../http/validators';
import { CRITERION } from '../plan-inspection/plan-inspection.request.dto';

export class RecordFindingRequestDto {
  @ApiProperty({ example: 'SH-VP', description: 'the inspected office the finding is about' })
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office!: string;
  @ApiPropertyOptional({ example: '1.3' })
  @IsOptional()
  @Matches(CRITERION, { message: 'criterion must be a code such as 1.3.2' })
  criterion?: string;
  @ApiProperty({ enum: FINDING_SEVERITIES }) @IsIn(FINDING_SEVERITIES) severity!: FindingSeverity;
  @ApiProperty({ example: 'Chưa niêm yết công khai thủ tục hành chính' }) @IsString() @Length(1, 20000) description!: string;
  @ApiProperty({ example: 'Niêm yết đầy đủ tại Bộ phận một cửa' }) @IsString() @Length(1, 20000) requirement!: string;
}
