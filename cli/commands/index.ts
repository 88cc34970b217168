import { diagnoseCommand } from './diagnose';
import { dns } from './dns';
import { explain } from './explain';
import { route } from './route';

export type { Command } from './command';

export const COMMANDS = { explain, route, dns, diagnose: diagnoseCommand };
