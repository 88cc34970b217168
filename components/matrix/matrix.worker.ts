import { MatrixEngine } from './matrix-engine';
import type { MatrixRequest, MatrixResponse } from './matrix-protocol';

// The matrix off the page's main thread: connectivity can take seconds on a large model. The model and its
// connectivity are kept between questions; questions are answered in the order they come.

const engine = new MatrixEngine();

self.onmessage = (event: MessageEvent<MatrixRequest>) => {
  const { id, model, query } = event.data;
  let response: MatrixResponse;
  try {
    if (model) engine.setModel(model);
    const start = performance.now();
    const answer = engine.answer(query);
    response = { id, answer, ms: Math.round(performance.now() - start) };
  } catch (error) {
    response = { id, failure: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
