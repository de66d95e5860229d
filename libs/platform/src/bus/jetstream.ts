import { NatsConnection, RetentionPolicy, StorageType, nanos } from 'nats';
import { requestSubject } from './bus-protocol';
import { EVENT_SUBJECT_PREFIX } from '@helpdesk/contracts';

const ensured = new WeakMap<NatsConnection, Set<string>>();

/** Creates the events stream if it is missing. Every publisher and consumer calls it; it is idempotent. */
export async function ensureEventStream(nc: NatsConnection, stream: string, namespace: string): Promise<void> {
  const done = ensured.get(nc) ?? new Set<string>();
  if (done.has(stream)) return;
  const jsm = await nc.jetstreamManager();
  const subjects = [requestSubject(namespace, `${EVENT_SUBJECT_PREFIX}>`)];
  try {
    await jsm.streams.info(stream);
  } catch {
    try {
      await jsm.streams.add({
        name: stream,
        subjects,
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        duplicate_window: nanos(10 * 60 * 1000),
      });
    } catch (error) {
      // Another replica created it first: that is fine, anything else is not.
      await jsm.streams.info(stream).catch(() => {
        throw error;
      });
    }
  }
  done.add(stream);
  ensured.set(nc, done);
}
