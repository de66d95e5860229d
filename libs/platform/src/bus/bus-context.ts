import { BaseRpcContext } from '@nestjs/microservices';
import { BusHeaders } from './bus-protocol';

/** The context a message handler can ask for with `@Ctx()`. */
export class BusContext extends BaseRpcContext<[string, BusHeaders]> {
  getSubject(): string {
    return this.args[0];
  }

  getHeaders(): BusHeaders {
    return this.args[1];
  }
}
