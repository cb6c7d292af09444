/** engine/calendar: ISO day arithmetic and China's public holiday calendar. */
export { addDays, addMonths, daysBetween } from './days.ts';
export { HOLIDAY_CSV, HOLIDAY_FILE, HolidayFileError, readHolidays, type HolidayEntry } from './holiday-file.ts';
export { calendarYears, HOLIDAYS } from './holidays.ts';
