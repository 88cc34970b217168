import path from 'node:path';
import type { ClusterModel } from '@/lib/model';
import { loadManifestPaths } from './manifests';

const DEMO_DIR = path.join(process.cwd(), 'examples', 'demo');
let demo: Promise<ClusterModel> | undefined;

/** The built-in demo: the shop in examples/demo, read once through the manifests source. */
export function demoModel(): Promise<ClusterModel> {
  demo ??= loadManifestPaths([DEMO_DIR]).then((result) => result.model);
  return demo;
}
