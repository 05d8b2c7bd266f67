import type { QueryKey } from '@tanstack/react-query';
import { Button, type ButtonProps, Popconfirm, type PopconfirmProps } from 'antd';
import type { MouseEvent } from 'react';
import { useApiMutation } from '../data/use-api-mutation';

export interface ActionButtonProps extends Omit<ButtonProps, 'onClick'> {
  /** May return a promise: the button is disabled until it settles, with a spinner after 300 ms. */
  onClick?: (event: MouseEvent<HTMLElement>) => unknown;
  /** Reads the action makes stale, refetched once it succeeds. */
  invalidates?: readonly QueryKey[];
}

/** An antd Button for actions that call the server: one run at a time, and it shows it is working. */
export function ActionButton({ onClick, loading, disabled, invalidates, ...rest }: ActionButtonProps) {
  const action = useApiMutation((event: MouseEvent<HTMLElement>) => onClick?.(event), { invalidates });
  return (
    <Button
      {...rest}
      loading={action.isSlow || loading}
      disabled={disabled || (action.isRunning && !action.isSlow)}
      aria-busy={action.isRunning || undefined}
      onClick={(event) => {
        // While the spinner shows, antd ignores clicks itself; before that the guard in run() does.
        void action.run(event);
      }}
    />
  );
}

export interface ConfirmActionProps extends Omit<PopconfirmProps, 'onConfirm'> {
  /** Runs after the user confirms; the confirm button spins (after 300 ms) until it settles. */
  onConfirm: () => unknown;
  /** Reads the action makes stale, refetched once it succeeds. */
  invalidates?: readonly QueryKey[];
}

/**
 * A Popconfirm whose confirmed action calls the server: the popup stays open with its OK button
 * disabled and then spinning until the action settles, so it cannot be confirmed twice.
 */
export function ConfirmAction({ onConfirm, okButtonProps, invalidates, ...rest }: ConfirmActionProps) {
  const action = useApiMutation(onConfirm, { invalidates });
  return (
    <Popconfirm
      {...rest}
      okButtonProps={{
        ...okButtonProps,
        loading: action.isSlow,
        disabled: okButtonProps?.disabled || (action.isRunning && !action.isSlow),
      }}
      onConfirm={() => action.run()}
    />
  );
}
