export { detectEnforcement } from './detect';
export { PLUGIN_RULES, type PluginRule } from './rules';
export type { DetectedPlugin, Enforcement, EnforcementResult } from './types';
export { enforcementNote, type EnforcementNote } from './note';
