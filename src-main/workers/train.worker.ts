// Training worker entry: grows the trees the pool hands it.
import { parentPort } from 'node:worker_threads';
import { createTrainApi } from '../ml/train-api';
import { runInBackground } from './background-priority';
import { serveRpc } from './rpc';

runInBackground();

serveRpc(parentPort!, createTrainApi());
