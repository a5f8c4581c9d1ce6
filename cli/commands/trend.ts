import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

// Placeholder until this command lands.
export const trendCommand: CommandModule = {
  command: 'trend [metric]',
  describe: '(not yet implemented)',
  handler: () => {
    throw new UserError('trend is not implemented yet');
  },
};
