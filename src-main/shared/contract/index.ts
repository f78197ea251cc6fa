/**
 * The one contract between the renderer and the services: every request/response pair and
 * every pushed event, named `domain:verb`, with zod schemas. Both transports are driven from
 * these maps; no channel string is written anywhere else.
 */
import type { z } from 'zod';
import { appRequests } from './app';
import { datasetEvents, datasetRequests } from './dataset';
import { driftRequests } from './drift';
import { importEvents, importRequests } from './import';
import { ingestEvents, ingestRequests } from './ingest';
import { modelEvents, modelRequests } from './model';
import { predictApiRequests } from './predict-api';
import { storageEvents, storageRequests } from './storage';
import { supportEvents, supportRequests } from './support';
import { twinEvents, twinRequests } from './twin';

export const requests = { ...appRequests, ...datasetRequests, ...importRequests, ...modelRequests, ...twinRequests, ...storageRequests, ...supportRequests, ...predictApiRequests, ...ingestRequests, ...driftRequests } as const;
export const events = { ...datasetEvents, ...importEvents, ...modelEvents, ...twinEvents, ...storageEvents, ...supportEvents, ...ingestEvents } as const;

export type RequestChannel = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestOf<C extends RequestChannel> = z.input<(typeof requests)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.output<(typeof requests)[C]['response']>;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export const requestChannels = Object.keys(requests) as RequestChannel[];
export const eventNames = Object.keys(events) as EventName[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** A failed request as it crosses a transport. */
export interface WireError {
  name: string;
  message: string;
}

export type WireResult = { ok: true; value: unknown } | { ok: false; error: WireError };

export * from './app';
export * from './dataset';
export * from './drift';
export * from './import';
export * from './ingest';
export * from './model';
export * from './predict-api';
export * from './storage';
export * from './support';
export * from './twin';
