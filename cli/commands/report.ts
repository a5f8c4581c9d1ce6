import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

// Placeholder until this command lands.
export const reportCommand: CommandModule = {
  command: 'report [run]',
  describe: '(not yet implemented)',
  handler: () => {
    throw new UserError('report is not implemented yet');
  },
};
