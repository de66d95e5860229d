export * from './channel.dto';
export * from './webhook.dto';
export * from './channel-events';
