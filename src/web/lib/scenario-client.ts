/** The client of the scenario worker (scenario-worker.ts). */
import type { ScenarioMessage, ScenarioRequest } from '../scenario-worker.js';
import { WorkerClient } from './worker-client.js';

export class ScenarioClient extends WorkerClient<ScenarioRequest, ScenarioMessage> {
  constructor() {
    super(() => new Worker(new URL('../scenario-worker.ts', import.meta.url), { type: 'module' }));
  }
}
