import { ProblemView } from '@helpdesk/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiDefaultResponse, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';

/** Documents that every error of the controller's routes is application/problem+json. */
export const ApiProblems = () =>
  applyDecorators(
    ApiExtraModels(ProblemView),
    ApiDefaultResponse({
      description: 'Any error: RFC 9457 problem details with a stable `code`',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } },
    }),
  );
