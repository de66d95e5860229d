import 'reflect-metadata';
import { runDistributed } from '@helpdesk/platform';
import { slaApp } from './sla-service.definition';

void runDistributed(slaApp);
