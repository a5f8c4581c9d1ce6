import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

// Placeholder until this command lands.
export const summarizeCommand: CommandModule = {
  command: 'summarize <inputs..>',
  describe: '(not yet implemented)',
  handler: () => {
    throw new UserError('summarize is not implemented yet');
  },
};
