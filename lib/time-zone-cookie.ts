/** The cookie the browser writes its time zone into, so the next server render matches it. */
export const timeZoneCookie = "tz";
