import type { FormInstance } from 'antd';

/** A transaction-file action: done → a message and the file reloaded, true; refused → the error shown, false. */
export type Run = (action: () => Promise<unknown>) => Promise<boolean>;
/** A form's action: a refusal marks the fields in error (and scrolls to the first); true when done. */
export type Submit = (form: FormInstance, action: () => Promise<unknown>) => Promise<boolean>;
