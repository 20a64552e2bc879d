import { Button, IconButton, Menu, MenuItem, useMediaQuery, type Theme } from '@mui/material';
import TranslateIcon from '@mui/icons-material/Translate';
import { useState, type MouseEvent } from 'react';
import { useLocales, useLocaleState, useTranslate } from 'react-admin';

/**
 * The language switch: the language's name on a wide screen, only its icon on a phone, where the
 * bar's room belongs to the page's title (react-admin's own button always spells the name out).
 */
export function LanguageMenu() {
  const translate = useTranslate();
  const languages = useLocales();
  const [locale, setLocale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const name = languages.find((language) => language.locale === locale)?.name ?? '';
  const label = `${translate('dj.app.language')}：${name}`;
  const open = (event: MouseEvent<HTMLElement>) => setAnchor(event.currentTarget);
  return (
    <>
      {phone ? (
        <IconButton color="inherit" aria-label={label} aria-haspopup="true" onClick={open}>
          <TranslateIcon />
        </IconButton>
      ) : (
        <Button
          color="inherit"
          aria-label={label}
          aria-haspopup="true"
          startIcon={<TranslateIcon />}
          onClick={open}
        >
          {name}
        </Button>
      )}
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {languages.map((language) => (
          <MenuItem
            key={language.locale}
            selected={language.locale === locale}
            onClick={() => {
              setLocale(language.locale);
              setAnchor(null);
            }}
          >
            {language.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
