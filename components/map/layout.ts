import { layoutPositions, type LayoutRequest, type Positions } from './layout-positions';

/** The layout in a Web Worker; where none can be started, on this thread. */
export function layoutOffThread(request: LayoutRequest): Promise<Positions> {
  if (typeof Worker === 'undefined') return Promise.resolve(layoutPositions(request));
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url));
    const done = (positions: Positions) => {
      worker.terminate();
      resolve(positions);
    };
    worker.onmessage = (event: MessageEvent<Positions>) => done(event.data);
    worker.onerror = (event) => {
      // A worker that cannot load (a blocked script, say) must not leave the map empty.
      event.preventDefault();
      done(layoutPositions(request));
    };
    worker.postMessage(request);
  });
}
