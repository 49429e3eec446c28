/** A UUID as the ledger writes them (event ids, derived ids): lower-case hexadecimal. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
