import { useMediaQuery, type Theme } from '@mui/material';

/** True on a phone's width (below MUI's `sm`): lists show their essential columns only. */
export function usePhone(): boolean {
  return useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
}
