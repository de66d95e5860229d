import 'reflect-metadata';
import { runDistributed } from '@helpdesk/platform';
import { kbApp } from './kb-service.definition';

void runDistributed(kbApp);
