import { CSAT_TOKEN_PATTERN, ErrorCode, RateDto, SatisfactionView, SUBJECTS } from '@helpdesk/contracts';
import { BusClient, DomainError, Public } from '@helpdesk/platform';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';

@ApiTags('satisfaction')
@ApiProblems()
@Controller('api/v1/csat')
export class CsatController {
  constructor(private readonly bus: BusClient) {}

  @Public()
  @Post(':token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a satisfaction survey (no login: the token from the survey link is the credential)',
    description: 'Single use; a survey expires after CSAT_SURVEY_TTL_SECONDS (14 days) or when the ticket is solved again.',
  })
  @ApiOkResponse({ type: SatisfactionView })
  @ApiNotFoundResponse({ description: 'No survey has this token' })
  @ApiConflictResponse({ description: 'Already answered' })
  @ApiUnprocessableEntityResponse({ description: 'Expired' })
  rate(@Param('token') token: string, @Body() rating: RateDto): Promise<SatisfactionView> {
    if (!CSAT_TOKEN_PATTERN.test(token)) throw new DomainError(ErrorCode.NotFound, 'No survey has this token');
    return this.bus.request<SatisfactionView>(SUBJECTS.ticket.csatRate, { token, rating });
  }
}
