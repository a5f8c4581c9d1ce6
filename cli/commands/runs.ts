import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

// Placeholder until this command lands.
export const runsCommand: CommandModule = {
  command: 'runs',
  describe: '(not yet implemented)',
  handler: () => {
    throw new UserError('runs is not implemented yet');
  },
};
