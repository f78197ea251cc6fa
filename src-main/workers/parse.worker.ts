// Parse helper entry: the data worker hands it segments of a large file to read in parallel.
import { parentPort } from 'node:worker_threads';
import { createParseApi } from '../services/parse-api';
import { serveRpc } from './rpc';

serveRpc(parentPort!, createParseApi());
