/** The engine's version, recorded in every batch summary (a test keeps it equal to package.json). */
export const ENGINE_VERSION = '0.3.0';
