import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

// Placeholder until this command lands.
export const exportJsonCommand: CommandModule = {
  command: 'export-json <run>',
  describe: '(not yet implemented)',
  handler: () => {
    throw new UserError('export-json is not implemented yet');
  },
};
