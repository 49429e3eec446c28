/** The validated LedgerConfig, provided once by AppModule.forRoot. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
