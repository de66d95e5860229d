import 'reflect-metadata';
import { runDistributed } from '@helpdesk/platform';
import { apiGatewayApp } from './api-gateway.definition';

void runDistributed(apiGatewayApp());
