/** The client of the plan-search worker (worker.ts). */
import type { WorkerMessage, WorkerRequest } from '../worker.js';
import { WorkerClient } from './worker-client.js';

export class SearchClient extends WorkerClient<WorkerRequest, WorkerMessage> {
  constructor() {
    super(() => new Worker(new URL('../worker.ts', import.meta.url), { type: 'module' }));
  }
}
