import 'reflect-metadata';
import { runDistributed } from '@helpdesk/platform';
import { reportingApp } from './reporting-service.definition';

void runDistributed(reportingApp);
