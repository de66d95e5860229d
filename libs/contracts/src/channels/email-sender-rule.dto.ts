import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { IsOptionalNonNull } from '../common/validation';

/** An admin's verdict on a sender's mail, over what its headers say. */
export type EmailSenderVerdict = 'person' | 'automated';

export class CreateEmailSenderRuleDto {
  @ApiProperty({
    example: 'erp@proveedor.example.com',
    description: 'An address, or `@domain` for every address of a domain (an address’s own rule wins over its domain’s)',
  })
  @IsString()
  @MaxLength(320)
  @Matches(/^([^@\s]+@|@)[^@\s]+\.[^@\s]+$/, { message: 'sender must be an email address or @domain' })
  sender: string;

  @ApiProperty({
    enum: ['person', 'automated'],
    example: 'person',
    description:
      '`person`: its mail opens tickets even when its headers say automated (systems that mislabel human replies); `automated`: never',
  })
  @IsIn(['person', 'automated'])
  verdict: EmailSenderVerdict;

  @ApiPropertyOptional({ example: 'El ERP marca todo su correo como Precedence: bulk', maxLength: 500 })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class EmailSenderRuleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'erp@proveedor.example.com' }) sender: string;
  @ApiProperty({ enum: ['person', 'automated'], example: 'person' }) verdict: EmailSenderVerdict;
  @ApiProperty({ example: 'El ERP marca todo su correo como Precedence: bulk', nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreateEmailSenderRuleCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateEmailSenderRuleDto)
  rule: CreateEmailSenderRuleDto;
}

export class EmailSenderRuleRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}
