import { connectivityCommand } from './connectivity';
import { diagnoseCommand } from './diagnose';
import { diffCommand } from './diff';
import { dns } from './dns';
import { explain } from './explain';
import { reach } from './reach';
import { route } from './route';

export type { Command } from './command';

export const COMMANDS = { explain, reach, route, dns, diagnose: diagnoseCommand, connectivity: connectivityCommand, diff: diffCommand };
