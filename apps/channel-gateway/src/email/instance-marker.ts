import { sqlRows } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * This installation's marker, made once by the migration: it is in every Message-ID the helpdesk
 * sends and in its `X-Helpdesk-Instance` header, so its own mail coming back is recognized (and
 * another helpdesk's is not mistaken for it).
 */
@Injectable()
export class InstanceMarker {
  private marker: Promise<string> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  get(): Promise<string> {
    this.marker ??= sqlRows<{ marker: string }>(this.dataSource, `SELECT marker FROM "channel"."instance"`).then(([row]) => row.marker);
    this.marker.catch(() => (this.marker = null));
    return this.marker;
  }
}
