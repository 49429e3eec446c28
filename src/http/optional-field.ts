import { ValidateIf } from 'class-validator';

/**
 * An optional field that may be left out but not sent as null: class-validator's IsOptional skips
 * null too, so `"location": null` would reach code that expects an object. Null is validated (and so
 * refused) like any other value.
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
