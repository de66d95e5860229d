import { DataSource } from 'typeorm';
import { ParkingLot } from '../bus/nats.server';

/** Parks events that failed every delivery in the consumer's own `parked_events` table. */
export class DatabaseParkingLot implements ParkingLot {
  constructor(private readonly dataSource: DataSource) {}

  async park(entry: { consumer: string; subject: string; payload: unknown; error: string; deliveries: number }): Promise<void> {
    const schema = String((this.dataSource.options as { schema?: string }).schema ?? 'public');
    await this.dataSource.query(
      `INSERT INTO "${schema}"."parked_events" (consumer, subject, payload, error, deliveries) VALUES ($1, $2, $3::jsonb, $4, $5)`,
      [entry.consumer, entry.subject, JSON.stringify(entry.payload ?? null), entry.error, entry.deliveries],
    );
  }
}
