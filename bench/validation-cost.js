#!/usr/bin/env node
// What validating one chat webhook body costs (plainToInstance + validateSync with the suite's options,
// as channel-gateway does for every webhook), with class-validator as it is and with the rules kept per
// class (libs/platform cacheValidationMetadata, installed by every app at bootstrap). Prints µs per body.
// Usage: node bench/validation-cost.js [rounds]
'use strict';
require('./ts-register');
require('reflect-metadata');
const { ChatWebhookMessageDto } = require('@helpdesk/contracts');
const { cacheValidationMetadata } = require('@helpdesk/platform/errors/validation-metadata-cache');
const { plainToInstance } = require('class-transformer');
const { validateSync } = require('class-validator');

const rounds = Number(process.argv[2] || 20000);
const body = {
  conversationId: 'conv-1',
  messageId: 'msg-1',
  from: { id: 'visitor-1', name: 'Visitante 1', email: 'visitor-1@bench.example' },
  text: 'Mensaje 1: no puedo entrar en mi cuenta desde ayer, me dice que la contraseña es incorrecta.',
  sentAt: '2026-12-06T11:00:00.000Z',
};
const options = { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } };

function microsPerBody() {
  for (let i = 0; i < 2000; i += 1) validateSync(plainToInstance(ChatWebhookMessageDto, body), options);
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i += 1) {
    if (validateSync(plainToInstance(ChatWebhookMessageDto, body), options).length) throw new Error('the bench body must be valid');
  }
  return Number(process.hrtime.bigint() - start) / 1000 / rounds;
}

const asIs = microsPerBody();
cacheValidationMetadata();
const kept = microsPerBody();
process.stdout.write(
  `${JSON.stringify({ rounds, microsPerBody: { classValidatorAsIs: Number(asIs.toFixed(1)), rulesKept: Number(kept.toFixed(1)) } })}\n`,
);
