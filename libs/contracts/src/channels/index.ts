export * from './channel.dto';
export * from './webhook.dto';
export * from './channel-events';
export * from './thread-index';
export * from './inbound-file.dto';
export * from './email-sender-rule.dto';
export * from './cti.dto';
export * from './form.dto';
