import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';

export interface Category {
  key: string;
  label: string;
}

/** The tenant's disclosure categories (公开类别), read once per page: their labels, never their keys. */
export function useCategories(): { categories: Category[]; label: (key: string) => string } {
  const dataProvider = useDataProvider<DjDataProvider>();
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    dataProvider.send<{ categories: Category[] }>('GET', '/disclosure-settings/current').then(
      (settings) => live && setCategories(settings.categories),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataProvider]);
  return { categories, label: (key) => categories.find((c) => c.key === key)?.label ?? '' };
}
