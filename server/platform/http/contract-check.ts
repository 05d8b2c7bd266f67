import type { z } from 'zod';

/**
 * A module's answers are a shared contract (contracts/<module>.ts) that the web client reads: each
 * contract type must pass its schema, with no field the schema would drop (serialization is compiled
 * from the schema, so an undeclared field would silently vanish). A change to one without the other
 * stops the compiler: list `Check<Agrees<contract.X, typeof xSchema>>` in a tuple type beside the
 * schemas.
 */
export type Agrees<Contract, Schema extends z.ZodType> =
  Contract extends z.input<Schema>
    ? [Exclude<keyof Contract, keyof z.output<Schema>>] extends [never]
      ? true
      : false
    : false;

export type Check<T extends true> = T;
