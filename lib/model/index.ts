export * from './types';
export * from './gateway-types';
export * from './changes';
export { normalize } from './normalize';
export * from './connection';
