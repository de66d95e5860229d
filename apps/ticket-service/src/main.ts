import 'reflect-metadata';
import { runDistributed } from '@helpdesk/platform';
import { ticketServiceApp } from './ticket-service.definition';

void runDistributed(ticketServiceApp);
