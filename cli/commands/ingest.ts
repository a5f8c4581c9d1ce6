import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

// Placeholder until this command lands.
export const ingestCommand: CommandModule = {
  command: 'ingest <paths..>',
  describe: '(not yet implemented)',
  handler: () => {
    throw new UserError('ingest is not implemented yet');
  },
};
