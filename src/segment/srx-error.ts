// The one error a malformed SRX file or rule produces; the message names where (line and column
// of the XML, or the rule) so a user can fix the file.

import { PerekladError } from '../errors.js';

export class SrxError extends PerekladError {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `SRX line ${line}${column !== undefined ? `, column ${column}` : ''}: ${message}` : message);
  }
}
