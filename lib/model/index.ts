export * from './types';
export * from './gateway-types';
export * from './calico-types';
export * from './cilium-types';
export * from './changes';
export * from './overlay';
export { normalize } from './normalize';
export * from './connection';
