import '@mantine/dates/styles.css';
import 'dayjs/locale/de';
import 'dayjs/locale/ja';

import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

import { useFormat } from '../lib/format';

// DateFilter is a list's filter by a calendar day in the UI's language,
// whatever the browser's: the chosen day is shown as the app shows dates
// ("2026年9月10日", "10. Sept. 2026"), the calendar names its months and
// weekdays in that language and starts the week where its readers do,
// and the field says "Any date" while none is chosen. A native date
// input would follow the browser's language instead. value and onChange
// are days as YYYY-MM-DD, or '' for none.
export function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <DatePickerInput
      label={label}
      value={value === '' ? null : value}
      onChange={(day) => {
        onChange(typeof day === 'string' ? day : '');
      }}
      valueFormatter={({ date }) => (typeof date === 'string' ? fmt.date(date) : '')}
      locale={language}
      firstDayOfWeek={language === 'de' ? 1 : 0}
      placeholder={t('common.anyDate')}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clearDate') }}
    />
  );
}
