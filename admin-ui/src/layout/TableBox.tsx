import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/** A table's own scroll box: wider than a phone, it scrolls here instead of widening the page. */
export function TableBox({ children }: { children: ReactNode }) {
  return <Box sx={{ maxWidth: '100%', overflowX: 'auto' }}>{children}</Box>;
}
