import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

// Placeholder until this command lands.
export const sqlCommand: CommandModule = {
  command: 'sql <query>',
  describe: '(not yet implemented)',
  handler: () => {
    throw new UserError('sql is not implemented yet');
  },
};
