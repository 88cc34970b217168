import { layoutPositions, type LayoutRequest } from './layout-positions';

// The map's first layout, off the page's main thread (see layout-positions.ts).
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  self.postMessage(layoutPositions(event.data));
};
