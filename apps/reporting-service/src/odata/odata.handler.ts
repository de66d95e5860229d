import { ODataMetadataRequest, ODataPageView, ODataQueryRequest, SUBJECTS } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ODataService } from './odata.service';

@Controller()
export class ODataHandler {
  constructor(private readonly odata: ODataService) {}

  @MessagePattern(SUBJECTS.report.odataQuery)
  query(@Payload() request: ODataQueryRequest): Promise<ODataPageView> {
    return this.odata.query(request);
  }

  @MessagePattern(SUBJECTS.report.odataMetadata)
  metadata(@Payload() request: ODataMetadataRequest): { xml: string } {
    return { xml: this.odata.metadata(request.actor) };
  }
}
