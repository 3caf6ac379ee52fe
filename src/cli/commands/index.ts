// Every CLI command, one file each. Add a command by adding its file and one line here.
import type { CommandSpec } from '../framework.js';
import { catalogueCommand } from './catalogue.js';
import { exportTrailCommand, trailVerifyCommand } from './trail.js';

export const COMMANDS: CommandSpec[] = [catalogueCommand, trailVerifyCommand, exportTrailCommand];
