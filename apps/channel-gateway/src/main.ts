import 'reflect-metadata';
import { runDistributed } from '@helpdesk/platform';
import { channelApp } from './channel-gateway.definition';

void runDistributed(channelApp);
