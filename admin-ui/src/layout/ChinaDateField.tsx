import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

/**
 * Dates and times as people in China read them, whatever the browser's zone (UTC+8): a meeting at
 * 14:30 reads 14:30 in a browser set to UTC too. In the console's language.
 */
export function ChinaDateField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return (
    <DateField
      {...props}
      locales={locale === 'en' ? 'en-GB' : 'zh-CN'}
      options={{ timeZone: 'Asia/Shanghai', ...props.options }}
    />
  );
}
