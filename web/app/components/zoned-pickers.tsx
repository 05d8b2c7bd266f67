import { DatePicker, type DatePickerProps } from 'antd';
import type { RangePickerProps } from 'antd/es/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import advancedFormat from 'dayjs/plugin/advancedFormat';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import localeData from 'dayjs/plugin/localeData';
import weekday from 'dayjs/plugin/weekday';
import weekOfYear from 'dayjs/plugin/weekOfYear';
import weekYear from 'dayjs/plugin/weekYear';
import type { ReactNode } from 'react';
import { instantOfWallClock, nowInShanghai, projectWallClock } from '../format';

dayjs.extend(customParseFormat);
dayjs.extend(advancedFormat);
dayjs.extend(weekday);
dayjs.extend(localeData);
dayjs.extend(weekOfYear);
dayjs.extend(weekYear);

/*
 * antd's pickers with every date inside them a wall clock in the project's zone (a UTC-mode Dayjs whose
 * fields are Shanghai time): the calendar, "today", "now", typed text and the shown value never meet
 * the browser's zone. Values cross the edge as instants (ZonedDatePicker, ZonedRangePicker) or as
 * 'HH:mm' times of day (ZonedTimePicker, ZonedTimeRangePicker).
 */

type GenerateConfig = Parameters<typeof DatePicker.generatePicker<Dayjs>>[0];

/** The same fields in UTC mode, whatever mode a value came in (the picker compares them with each other). */
function wall(value: Dayjs): Dayjs {
  if (value.isUTC()) return value;
  return dayjs.utc(
    Date.UTC(
      value.year(),
      value.month(),
      value.date(),
      value.hour(),
      value.minute(),
      value.second(),
      value.millisecond(),
    ),
  );
}

const dayjsLocales: Record<string, string> = {
  zh_CN: 'zh-cn',
  zh_TW: 'zh-tw',
  zh_HK: 'zh-tw',
  en_US: 'en',
  en_GB: 'en',
};
const localeOf = (locale: string) => dayjsLocales[locale] ?? locale.split('_')[0].toLowerCase();

const wallClockConfig: GenerateConfig = {
  getNow: () => nowInShanghai(),
  getFixedDate: (fixed) => dayjs.utc(fixed, 'YYYY-M-DD'),
  getEndDate: (value) => wall(value).endOf('month'),
  getWeekDay: (value) => {
    const clone = wall(value).locale('en');
    return clone.weekday() + clone.localeData().firstDayOfWeek();
  },
  getYear: (value) => wall(value).year(),
  getMonth: (value) => wall(value).month(),
  getDate: (value) => wall(value).date(),
  getHour: (value) => wall(value).hour(),
  getMinute: (value) => wall(value).minute(),
  getSecond: (value) => wall(value).second(),
  getMillisecond: (value) => wall(value).millisecond(),
  addYear: (value, diff) => wall(value).add(diff, 'year'),
  addMonth: (value, diff) => wall(value).add(diff, 'month'),
  addDate: (value, diff) => wall(value).add(diff, 'day'),
  setYear: (value, year) => wall(value).year(year),
  setMonth: (value, month) => wall(value).month(month),
  setDate: (value, date) => wall(value).date(date),
  setHour: (value, hour) => wall(value).hour(hour),
  setMinute: (value, minute) => wall(value).minute(minute),
  setSecond: (value, second) => wall(value).second(second),
  setMillisecond: (value, millisecond) => wall(value).millisecond(millisecond),
  isAfter: (a, b) => wall(a).valueOf() > wall(b).valueOf(),
  isValidate: (value) => value.isValid(),
  locale: {
    getWeekFirstDay: (locale) => dayjs().locale(localeOf(locale)).localeData().firstDayOfWeek(),
    getWeekFirstDate: (locale, value) => wall(value).locale(localeOf(locale)).weekday(0),
    getWeek: (locale, value) => wall(value).locale(localeOf(locale)).week(),
    getShortWeekDays: (locale) => dayjs().locale(localeOf(locale)).localeData().weekdaysMin(),
    getShortMonths: (locale) => dayjs().locale(localeOf(locale)).localeData().monthsShort(),
    format: (locale, value, format) => wall(value).locale(localeOf(locale)).format(format),
    parse: (locale, text, formats) => {
      for (const format of formats) {
        const parsed = dayjs.utc(text, format, true);
        if (parsed.isValid()) return parsed.locale(localeOf(locale));
      }
      return null;
    },
  },
};

const WallClockPicker = DatePicker.generatePicker<Dayjs>(wallClockConfig);

const toWall = (instant: Dayjs | null | undefined) => (instant ? projectWallClock(instant) : instant);
const toInstant = (wallClock: Dayjs | null | undefined) => (wallClock ? instantOfWallClock(wallClock) : null);

type Preset<T> = { label: ReactNode; value: T | (() => T) };

function presetsToWall<T, W>(
  presets: Preset<T>[] | undefined,
  convert: (value: T) => W,
): Preset<W>[] | undefined {
  return presets?.map((preset) => ({
    label: preset.label,
    value:
      typeof preset.value === 'function'
        ? () => convert((preset.value as () => T)())
        : convert(preset.value as T),
  }));
}

type InstantPickerOverrides = {
  /** The chosen instant (a date-only picker gives 00:00 of the day in the project's zone). */
  value?: Dayjs | null;
  defaultValue?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  minDate?: Dayjs;
  maxDate?: Dayjs;
  defaultPickerValue?: Dayjs;
  /** Called with the instant of each cell: compare it with projectDate / projectToday. */
  disabledDate?: (instant: Dayjs) => boolean;
  presets?: Preset<Dayjs>[];
};

export type ZonedDatePickerProps = Omit<
  DatePickerProps,
  | keyof InstantPickerOverrides
  | 'onOk'
  | 'onCalendarChange'
  | 'pickerValue'
  | 'onPickerValueChange'
  | 'cellRender'
  | 'multiple'
  | 'disabledTime'
> &
  InstantPickerOverrides;

/**
 * DatePicker for dates and date-times in the project's zone, whatever the browser's: 10:00 chosen is
 * 10:00 in Shanghai (02:00 UTC). Takes and gives instants; send them with `toISOString()`, and a
 * date-only field's day with `projectDate(value)`.
 */
export function ZonedDatePicker({
  value,
  defaultValue,
  onChange,
  minDate,
  maxDate,
  defaultPickerValue,
  disabledDate,
  presets,
  ...rest
}: ZonedDatePickerProps) {
  return (
    <WallClockPicker
      {...rest}
      {...(value !== undefined ? { value: toWall(value) } : {})}
      {...(defaultValue !== undefined ? { defaultValue: toWall(defaultValue) } : {})}
      minDate={minDate && projectWallClock(minDate)}
      maxDate={maxDate && projectWallClock(maxDate)}
      defaultPickerValue={defaultPickerValue && projectWallClock(defaultPickerValue)}
      disabledDate={disabledDate && ((current) => disabledDate(instantOfWallClock(current)))}
      presets={presetsToWall(presets, projectWallClock)}
      onChange={(next) => onChange?.(toInstant(next as Dayjs | null))}
    />
  );
}

type InstantRange = [Dayjs | null, Dayjs | null];

type RangeOverrides = {
  /** The chosen instants (a date range gives 00:00 of each day in the project's zone). */
  value?: InstantRange | null;
  defaultValue?: InstantRange;
  onChange?: (value: InstantRange | null) => void;
  minDate?: Dayjs;
  maxDate?: Dayjs;
  disabledDate?: (instant: Dayjs) => boolean;
  presets?: Preset<[Dayjs, Dayjs]>[];
};

export type ZonedRangePickerProps = Omit<
  RangePickerProps,
  | keyof RangeOverrides
  | 'onOk'
  | 'onCalendarChange'
  | 'pickerValue'
  | 'defaultPickerValue'
  | 'onPickerValueChange'
  | 'cellRender'
  | 'disabledTime'
> &
  RangeOverrides;

const rangeToWall = (range: InstantRange | null | undefined) =>
  range ? ([toWall(range[0]) ?? null, toWall(range[1]) ?? null] as InstantRange) : range;

/** RangePicker in the project's zone; hand its value to shanghaiDayRange / projectDayStrings. */
export function ZonedRangePicker({
  value,
  defaultValue,
  onChange,
  minDate,
  maxDate,
  disabledDate,
  presets,
  ...rest
}: ZonedRangePickerProps) {
  return (
    <WallClockPicker.RangePicker
      {...rest}
      {...(value !== undefined ? { value: rangeToWall(value) } : {})}
      {...(defaultValue !== undefined
        ? { defaultValue: [toWall(defaultValue[0]) ?? null, toWall(defaultValue[1]) ?? null] as InstantRange }
        : {})}
      minDate={minDate && projectWallClock(minDate)}
      maxDate={maxDate && projectWallClock(maxDate)}
      disabledDate={disabledDate && ((current) => disabledDate(instantOfWallClock(current)))}
      presets={presetsToWall(
        presets,
        (range) => [projectWallClock(range[0]), projectWallClock(range[1])] as [Dayjs, Dayjs],
      )}
      onChange={(next) => onChange?.(next ? [toInstant(next[0]), toInstant(next[1])] : null)}
    />
  );
}

/** 'HH:mm' (or 'HH:mm:ss') as a wall clock on a fixed day, and back. */
function timeOfDayToWall(text: string | null | undefined, format: string): Dayjs | null {
  if (!text) return null;
  const parsed = dayjs.utc(`2000-01-01 ${text}`, `YYYY-MM-DD ${format}`, true);
  return parsed.isValid() ? parsed : null;
}

type TimeOfDayProps = Omit<
  DatePickerProps,
  | keyof InstantPickerOverrides
  | 'picker'
  | 'showTime'
  | 'onOk'
  | 'onCalendarChange'
  | 'pickerValue'
  | 'onPickerValueChange'
  | 'cellRender'
  | 'multiple'
  | 'format'
  | 'disabledDate'
> & {
  /** A time of day in the project's zone, 'HH:mm' (or as `format` says). */
  value?: string | null;
  onChange?: (value: string | null) => void;
  format?: string;
};

/** TimePicker for a time of day in the project's zone ('HH:mm'); "now" is the time in Shanghai. */
export function ZonedTimePicker({ value, onChange, format = 'HH:mm', ...rest }: TimeOfDayProps) {
  return (
    <WallClockPicker
      {...rest}
      picker="time"
      format={format}
      {...(value !== undefined ? { value: timeOfDayToWall(value, format) } : {})}
      onChange={(next) => onChange?.(next ? wall(next as Dayjs).format(format) : null)}
    />
  );
}

type TimeRangeProps = Omit<
  RangePickerProps,
  | keyof RangeOverrides
  | 'picker'
  | 'showTime'
  | 'onOk'
  | 'onCalendarChange'
  | 'pickerValue'
  | 'defaultPickerValue'
  | 'onPickerValueChange'
  | 'cellRender'
  | 'disabledTime'
  | 'format'
> & {
  /** A start and end time of day in the project's zone, 'HH:mm' each. */
  value?: [string, string] | null;
  onChange?: (value: [string, string] | null) => void;
  format?: string;
};

/** TimePicker.RangePicker for two times of day in the project's zone ('HH:mm'). */
export function ZonedTimeRangePicker({ value, onChange, format = 'HH:mm', ...rest }: TimeRangeProps) {
  return (
    <WallClockPicker.RangePicker
      {...rest}
      picker="time"
      format={format}
      {...(value !== undefined
        ? {
            value: value
              ? ([timeOfDayToWall(value[0], format), timeOfDayToWall(value[1], format)] as [
                  Dayjs | null,
                  Dayjs | null,
                ])
              : null,
          }
        : {})}
      onChange={(next) =>
        onChange?.(next?.[0] && next[1] ? [wall(next[0]).format(format), wall(next[1]).format(format)] : null)
      }
    />
  );
}
