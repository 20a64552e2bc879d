import type { ReactNode } from 'react';
import { SaveButton, Toolbar } from 'react-admin';

/**
 * A form's toolbar without react-admin's 删除 button: where the API deletes nothing (tenants are
 * suspended, organisations dissolved, settings kept), a delete button would only ever fail.
 */
export function SaveOnlyToolbar({ children }: { children?: ReactNode }) {
  return (
    <Toolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
      <SaveButton />
      {children}
    </Toolbar>
  );
}
