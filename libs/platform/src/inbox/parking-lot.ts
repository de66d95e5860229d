import { Logger } from '@nestjs/common';
import { ParkingLot } from '../bus/nats.server';

/** Resolves the app's parking lot: the database one for services that own data, a log line otherwise. */
export const PARKING_LOT = Symbol('PARKING_LOT');

export class LogParkingLot implements ParkingLot {
  private readonly logger = new Logger('ParkingLot');

  park(entry: { consumer: string; subject: string; error: string; deliveries: number }): Promise<void> {
    this.logger.error(entry, 'event parked (this app keeps no database to park it in)');
    return Promise.resolve();
  }
}
