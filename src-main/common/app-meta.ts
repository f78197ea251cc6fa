/** Facts about the app both shells need. */
import pkg from '../../package.json';

export const VERSION: string = pkg.version;
export const APP_ID = 'io.twinscope.app';
export const DATABASE_FILE = 'twinscope.db';
