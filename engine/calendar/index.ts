/** engine/calendar: ISO day arithmetic and China's public holiday calendar. */
export { addDays, daysBetween } from './days.ts';
export { calendarYears, HOLIDAY_CSV, HOLIDAY_FILE, HolidayFileError, HOLIDAYS, readHolidays, type HolidayEntry } from './holidays.ts';
